package org.networktool.planners;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.networktool.layout.Change;
import org.networktool.planners.persist.FileChange;

/**
 * A migration as a value: the target, the layout changes it makes, the ordered steps, and the
 * verdict. {@code changes}, {@code notes}, {@code files} (the configuration files the last step
 * rewrites, with their diffs) and {@code rdmaPaths} (each member's RDMA path after a hardware RoCE
 * migration, as the model host ends) are for display and do not influence execution.
 */
@JsonPropertyOrder({"schema", "hostname", "verdict", "errors", "target", "changes", "rdmaPaths", "steps", "notes", "files"})
public record Plan(
        String schema,
        String hostname,
        Verdict verdict,
        List<PlanError> errors,
        TargetSpec target,
        List<Change> changes,
        List<Step> steps,
        List<String> notes,
        List<FileChange> files,
        List<MemberRdmaPath> rdmaPaths) {

    public static final String SCHEMA = "network-tool/plan/v1";

    public Plan {
        schema = schema == null ? SCHEMA : schema;
        errors = errors == null ? List.of() : List.copyOf(errors);
        changes = changes == null ? List.of() : List.copyOf(changes);
        steps = steps == null ? List.of() : List.copyOf(steps);
        notes = notes == null ? List.of() : List.copyOf(notes);
        files = files == null ? List.of() : List.copyOf(files);
        rdmaPaths = rdmaPaths == null ? List.of() : List.copyOf(rdmaPaths);
    }

    public Plan(String schema, String hostname, Verdict verdict, List<PlanError> errors, TargetSpec target, List<Change> changes,
            List<Step> steps, List<String> notes) {
        this(schema, hostname, verdict, errors, target, changes, steps, notes, List.of(), List.of());
    }

    public static Plan errored(String hostname, TargetSpec target, List<PlanError> errors) {
        return new Plan(SCHEMA, hostname, Verdict.ERRORED, errors, target, List.of(), List.of(), List.of());
    }
}
