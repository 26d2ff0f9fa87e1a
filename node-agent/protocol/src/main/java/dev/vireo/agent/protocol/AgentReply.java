package dev.vireo.agent.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** The payload of a successful {@link AgentTaskResult}; each command names its reply type. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = DiskReply.class, name = "Disk"),
    @JsonSubTypes.Type(value = VmStateReply.class, name = "VmState"),
    @JsonSubTypes.Type(value = DoneReply.class, name = "Done"),
    @JsonSubTypes.Type(value = SerialLogReply.class, name = "SerialLog"),
    @JsonSubTypes.Type(value = MigrationReply.class, name = "Migration"),
    @JsonSubTypes.Type(value = HostDevicesReply.class, name = "HostDevices"),
    @JsonSubTypes.Type(value = NetworkReply.class, name = "Network"),
    @JsonSubTypes.Type(value = NicFiltersReply.class, name = "NicFilters"),
    // data disks and storage clusters (ADR 0021)
    @JsonSubTypes.Type(value = StorageReply.class, name = "Storage"),
    @JsonSubTypes.Type(value = VolumeReply.class, name = "Volume"),
    // storage live migration progress (ADR 0028)
    @JsonSubTypes.Type(value = BlockCopyReply.class, name = "BlockCopy"),
    // secure VM console (ADR 0030)
    @JsonSubTypes.Type(value = DisplayReply.class, name = "Display"),
})
public sealed interface AgentReply permits DiskReply, VmStateReply, DoneReply, SerialLogReply, MigrationReply,
    HostDevicesReply, NetworkReply, NicFiltersReply,
    // data disks and storage clusters (ADR 0021)
    StorageReply, VolumeReply,
    // storage live migration progress (ADR 0028)
    BlockCopyReply,
    // secure VM console (ADR 0030)
    DisplayReply {}
