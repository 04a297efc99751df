package org.networktool.planners;

/** Linux interface names (also OVS bridge, port and bond names, which become netdevs or must not clash with them). */
public final class Names {
    private Names() {
    }

    public static boolean isValidInterface(String name) {
        return name != null && !name.isEmpty() && name.length() <= 15 && !name.equals(".") && !name.equals("..")
                && name.matches("[A-Za-z0-9_.@-]+");
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
