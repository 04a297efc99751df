package org.networktool.layout;

/** Linux interface names (also OVS bridge, port and bond names, which become netdevs or must not clash with them). */
public final class Names {
    private Names() {
    }

    public static boolean isValidInterface(String name) {
        return name != null && !name.isEmpty() && name.length() <= 15 && !name.equals(".") && !name.equals("..")
                && name.matches("[A-Za-z0-9_.@-]+");
    }

    /**
     * A name the kernel could have given a netdev ({@code dev_valid_name}): what a capture may name, looser than what
     * the tool creates. Never empty, "." or "..", at most 15 bytes, no '/', ':', white space or NUL.
     */
    public static boolean isKernelName(String name) {
        return name != null && !name.isEmpty() && !name.equals(".") && !name.equals("..")
                && name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 15 && name.chars().noneMatch(c -> c == '/'
                        || c == ':' || c == 0 || Character.isWhitespace(c));
    }

    public static String why(String name) {
        if (name == null || name.isEmpty()) {
            return "is empty";
        }
        if (name.length() > 15) {
            return "is " + name.length() + " characters; Linux allows at most 15";
        }
        return "may contain only letters, digits, '_', '.', '-' and '@'";
    }
}
