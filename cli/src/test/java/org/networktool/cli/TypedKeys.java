package org.networktool.cli;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keys typed the way a person types: each line only once the shell shows its next prompt (or a
 * [y/N] question), and end of input (Ctrl-D) only after the last line was answered. A terminal that
 * reads ahead would otherwise swallow the whole script before the first prompt.
 */
final class TypedKeys extends InputStream {
    private static final Pattern PROMPT = Pattern.compile("\\[[^\\[\\]\\n]* · [^\\[\\]\\n]*\\] |\\[y/N\\] ");

    private final List<String> lines;
    private final ByteArrayOutputStream screen;
    private int next;
    private byte[] current = new byte[0];
    private int pos;

    TypedKeys(List<String> lines, ByteArrayOutputStream screen) {
        this.lines = lines;
        this.screen = screen;
    }

    @Override
    public int read() {
        if (pos < current.length) {
            return current[pos++] & 0xff;
        }
        awaitPrompts(next + 1);
        if (next == lines.size()) {
            return -1;
        }
        current = (lines.get(next++) + "\n").getBytes(StandardCharsets.UTF_8);
        pos = 0;
        return current[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        int c = read();
        if (c < 0) {
            return -1;
        }
        b[off] = (byte) c;
        return 1;
    }

    private void awaitPrompts(int n) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (count() < n) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the shell did not prompt " + n + " times:\n" + screen);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private int count() {
        Matcher m = PROMPT.matcher(screen.toString(StandardCharsets.UTF_8));
        int c = 0;
        while (m.find()) {
            c++;
        }
        return c;
    }
}
