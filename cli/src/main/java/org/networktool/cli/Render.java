package org.networktool.cli;

import java.io.PrintWriter;
import org.networktool.layout.HostLayout;
import org.networktool.layout.LayoutCodec;

/** Chooses the renderer for a value by output format. */
final class Render {
    private Render() {
    }

    static void layout(HostLayout layout, OutputOption.Format format, PrintWriter out) {
        switch (format) {
            case yaml -> out.print(LayoutCodec.toYaml(layout));
            case json -> out.print(LayoutCodec.toJson(layout));
            default -> out.print(LayoutText.render(layout));
        }
        out.flush();
    }
}
