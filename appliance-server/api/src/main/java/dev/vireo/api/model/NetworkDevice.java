package dev.vireo.api.model;

/** A host network interface; {@code virtual} for bridges, veths, taps, OVS ports (no hardware behind them). */
public record NetworkDevice(
    String name, String mac, String state, Integer speedMbps, Integer mtu, String driver, boolean virtual) {}
