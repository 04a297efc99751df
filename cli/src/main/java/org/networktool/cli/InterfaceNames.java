package org.networktool.cli;

import org.networktool.layout.NetworkToolException;
import org.networktool.layout.Names;

/** Option values that name interfaces, checked by the planner's one rule for interface names. */
final class InterfaceNames {
    private InterfaceNames() {
    }

    static String requireValid(String name, String option) {
        if (!Names.isValidInterface(name)) {
            throw NetworkToolException.invalidInput(option + " '" + name
                    + "': not a valid interface name (1-15 characters: letters, digits, '_', '.', '-', '@')");
        }
        return name;
    }
}
