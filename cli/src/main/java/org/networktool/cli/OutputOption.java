package org.networktool.cli;

import picocli.CommandLine.Option;

/** {@code --output text|yaml|json}, shared by every command that prints a result. */
public final class OutputOption {
    public enum Format { text, yaml, json }

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format = Format.text;

    public Format format() {
        return format;
    }

    /** A result document as JSON or YAML, whichever was asked (text is each command's own). */
    String document(Object doc) {
        return format == Format.json ? org.networktool.layout.LayoutCodec.toJson(doc) : org.networktool.layout.LayoutCodec.toYaml(doc);
    }
}
