package org.networktool.planners;

/** LACP on the OVS bond: {@code mode} active|passive|off, {@code time} fast|slow. */
public record LacpSpec(String mode, String time, Boolean fallbackActiveBackup) {

    public boolean enabled() {
        return mode != null && !mode.equals("off");
    }
}
