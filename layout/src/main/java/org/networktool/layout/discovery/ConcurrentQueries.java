package org.networktool.layout.discovery;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.networktool.layout.Background;

/**
 * One read of a live host with its queries all started at once: each is a process that mostly waits (on ovsdb-server,
 * on netlink), and one after another they were most of a read (nine of them, ~25 ms each, before and after every
 * step of an upgrade). The readers still ask for them one by one and get each result when it is there; a query not
 * started here runs when asked.
 */
final class ConcurrentQueries implements CommandSource {
    private final CommandSource source;
    private final Map<HostQuery, CompletableFuture<CommandResult>> started = new EnumMap<>(HostQuery.class);

    ConcurrentQueries(CommandSource source, Set<HostQuery> queries) {
        this.source = source;
        for (HostQuery q : queries) {
            started.put(q, Background.start("query " + q.label(), () -> source.run(q)));
        }
    }

    @Override
    public CommandResult run(HostQuery query) {
        CompletableFuture<CommandResult> r = started.get(query);
        return r == null ? source.run(query) : Background.join(r);
    }
}
