package org.networktool.cli;

import org.networktool.layout.NetworkToolException;

/** Linux interface names: 1–15 bytes, no '/', ':', whitespace, and not "." or "..". */
final class InterfaceNames {
    private InterfaceNames() {
    }

    static String requireValid(String name, String option) {
        if (name.isEmpty() || name.length() > 15 || name.equals(".") || name.equals("..")
                || !name.matches("[A-Za-z0-9_.@-]+")) {
            throw NetworkToolException.invalidInput(option + " '" + name
                    + "': not a valid interface name (1-15 characters: letters, digits, '_', '.', '-', '@')");
        }
        return name;
    }
}
