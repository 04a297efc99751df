package org.networktool.verbscheck;

/** What {@code ibv_query_port} says of one port, in the words {@code ibv_devinfo} uses. */
public record PortAttributes(String state, String physicalState, int maxMtu, int activeMtu, int gidTableLength, String linkLayer,
        int activeMtuEnum) {

    public boolean isActive() {
        return "PORT_ACTIVE".equals(state);
    }

    static PortAttributes of(int state, int phys, int maxMtu, int activeMtu, int gidTbl, int linkLayer) {
        return new PortAttributes(stateName(state), physName(phys), mtuBytes(maxMtu), mtuBytes(activeMtu), gidTbl, linkName(linkLayer), activeMtu);
    }

    private static String stateName(int s) {
        return switch (s) {
            case 1 -> "PORT_DOWN";
            case 2 -> "PORT_INIT";
            case 3 -> "PORT_ARMED";
            case 4 -> "PORT_ACTIVE";
            case 5 -> "PORT_ACTIVE_DEFER";
            default -> "PORT_NOP";
        };
    }

    private static String physName(int p) {
        return switch (p) {
            case 1 -> "SLEEP";
            case 2 -> "POLLING";
            case 3 -> "DISABLED";
            case 4 -> "PORT_CONFIGURATION_TRAINING";
            case 5 -> "LINK_UP";
            case 6 -> "LINK_ERROR_RECOVERY";
            case 7 -> "PHY_TEST";
            default -> "UNKNOWN(" + p + ")";
        };
    }

    private static String linkName(int l) {
        return switch (l) {
            case 1 -> "InfiniBand";
            case 2 -> "Ethernet";
            default -> "Unspecified";
        };
    }

    static int mtuBytes(int e) {
        return e >= 1 && e <= 5 ? 128 << e : 0;
    }
}
