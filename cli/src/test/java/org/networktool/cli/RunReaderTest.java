package org.networktool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RunReaderTest {
    @Test
    void theStorageIpIsPinnedAsTheAddressAlone() {
        assertEquals("192.0.2.1/32", RunReader.hostCidr("192.0.2.1/24"));
        assertEquals("fd00::1/128", RunReader.hostCidr("fd00::1/64"));
        assertEquals("10.0.0.5/32", RunReader.hostCidr("10.0.0.5"));
    }
}
