package org.networktool.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * Text the tool prints holds names and words it did not write (a capture's hostname, a target's reasons, a run id typed
 * by someone): a control character in them must not clear the screen, retitle the terminal or start a line that reads
 * like the tool's own. Every text stream goes through {@link #writer}: controls other than newline and tab are printed
 * as {@code \xNN}; a message that must stay one line goes through {@link #oneLine} too.
 */
final class SafeText {
    private SafeText() {
    }

    static boolean isControl(char c) {
        return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f);
    }

    static String escape(char c) {
        return String.format(c < 0x100 ? "\\x%02x" : "\\u%04x", (int) c);
    }

    /** {@code s} with every control character escaped, newlines too. */
    static String oneLine(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(isControl(c) ? escape(c) : String.valueOf(c));
        }
        return b.toString();
    }

    /** A writer that passes newlines and tabs and escapes every other control character. */
    static Writer writer(Writer out) {
        return new FilterWriter(out) {
            @Override
            public void write(int c) throws IOException {
                if (c != '\n' && c != '\t' && isControl((char) c)) {
                    out.write(escape((char) c));
                } else {
                    out.write(c);
                }
            }

            @Override
            public void write(char[] buf, int off, int len) throws IOException {
                int start = off;
                for (int i = off; i < off + len; i++) {
                    char c = buf[i];
                    if (c != '\n' && c != '\t' && isControl(c)) {
                        out.write(buf, start, i - start);
                        out.write(escape(c));
                        start = i + 1;
                    }
                }
                out.write(buf, start, off + len - start);
            }

            @Override
            public void write(String s, int off, int len) throws IOException {
                write(s.toCharArray(), off, len);
            }
        };
    }
}
