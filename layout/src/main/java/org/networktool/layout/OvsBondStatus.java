package org.networktool.layout;

import java.util.List;

/** Live bond state from {@code ovs-appctl bond/show}. */
public record OvsBondStatus(String mode, String lacpStatus, String activeMember, List<OvsBondMember> members) {

    public OvsBondStatus {
        members = Lists.copy(members);
    }
}
