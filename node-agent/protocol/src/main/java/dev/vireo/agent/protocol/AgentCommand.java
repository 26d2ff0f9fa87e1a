package dev.vireo.agent.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A command the server sends to a node agent: the closed set of everything an agent does.
 *
 * <p>Sent as {@code POST /v1/commands} with the JSON of the record (discriminator {@code type}),
 * the headers {@link AgentHttp#TASK_ID_HEADER} and {@link AgentHttp#CALLBACK_URL_HEADER}, and the
 * agent's bearer token. The agent answers {@code 202} at once and later POSTs an
 * {@link AgentTaskResult} carrying the reply type named by each command to the callback URL.
 * Every command is idempotent by target state, so the server may resend it after a restart.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = CreateSystemDiskCommand.class, name = "CreateSystemDisk"),
    @JsonSubTypes.Type(value = DefineVmCommand.class, name = "DefineVm"),
    @JsonSubTypes.Type(value = StartVmCommand.class, name = "StartVm"),
    @JsonSubTypes.Type(value = ShutdownVmCommand.class, name = "ShutdownVm"),
    @JsonSubTypes.Type(value = PowerOffVmCommand.class, name = "PowerOffVm"),
    @JsonSubTypes.Type(value = RebootVmCommand.class, name = "RebootVm"),
    @JsonSubTypes.Type(value = UndefineVmCommand.class, name = "UndefineVm"),
    @JsonSubTypes.Type(value = DeleteVmFilesCommand.class, name = "DeleteVmFiles"),
    @JsonSubTypes.Type(value = ReadSerialLogCommand.class, name = "ReadSerialLog"),
    @JsonSubTypes.Type(value = QueryVmCommand.class, name = "QueryVm"),
    @JsonSubTypes.Type(value = MigrateVmCommand.class, name = "MigrateVm"),
    @JsonSubTypes.Type(value = ForgetDomainCommand.class, name = "ForgetDomain"),
    @JsonSubTypes.Type(value = EnsureNetworkCommand.class, name = "EnsureNetwork"),
    @JsonSubTypes.Type(value = ListHostDevicesCommand.class, name = "ListHostDevices"),
    @JsonSubTypes.Type(value = EnsureDhcpCommand.class, name = "EnsureDhcp"),
    @JsonSubTypes.Type(value = RemoveDhcpCommand.class, name = "RemoveDhcp"),
    @JsonSubTypes.Type(value = SetGuestRoutesCommand.class, name = "SetGuestRoutes"),
    @JsonSubTypes.Type(value = ApplyNicFiltersCommand.class, name = "ApplyNicFilters"),
    // data disks and storage clusters (ADR 0021)
    @JsonSubTypes.Type(value = ProbeStorageCommand.class, name = "ProbeStorage"),
    @JsonSubTypes.Type(value = CreateVolumeCommand.class, name = "CreateVolume"),
    @JsonSubTypes.Type(value = DeleteVolumeCommand.class, name = "DeleteVolume"),
    @JsonSubTypes.Type(value = ResizeVolumeCommand.class, name = "ResizeVolume"),
    @JsonSubTypes.Type(value = AttachDiskCommand.class, name = "AttachDisk"),
    @JsonSubTypes.Type(value = DetachDiskCommand.class, name = "DetachDisk"),
    @JsonSubTypes.Type(value = CloneVolumeCommand.class, name = "CloneVolume"),
    // vm operations: suspend to file, restore, CPU hot-add
    @JsonSubTypes.Type(value = SuspendVmCommand.class, name = "SuspendVm"),
    @JsonSubTypes.Type(value = RestoreVmCommand.class, name = "RestoreVm"),
    @JsonSubTypes.Type(value = SetVcpusCommand.class, name = "SetVcpus"),
    // storage live migration (ADR 0026)
    @JsonSubTypes.Type(value = MigrateVolumeCommand.class, name = "MigrateVolume"),
    @JsonSubTypes.Type(value = MigrateSystemDiskCommand.class, name = "MigrateSystemDisk"),
    @JsonSubTypes.Type(value = QueryBlockCopyCommand.class, name = "QueryBlockCopy"),
    // system disk growth (C4, ADR 0026)
    @JsonSubTypes.Type(value = ResizeSystemDiskCommand.class, name = "ResizeSystemDisk"),
    // devices (ADR 0027): USB passthrough and redirection
    @JsonSubTypes.Type(value = AttachUsbCommand.class, name = "AttachUsb"),
    @JsonSubTypes.Type(value = DetachUsbCommand.class, name = "DetachUsb"),
    // disk snapshots and QoS (ADR 0025)
    @JsonSubTypes.Type(value = VolumeSnapshotCommand.class, name = "VolumeSnapshot"),
    @JsonSubTypes.Type(value = VolumeFromSnapshotCommand.class, name = "VolumeFromSnapshot"),
    @JsonSubTypes.Type(value = SetDiskQosCommand.class, name = "SetDiskQos"),
    // images from VMs, reinstall, boot from a disk, ISO install (ADR 0029)
    @JsonSubTypes.Type(value = ExportSystemDiskCommand.class, name = "ExportSystemDisk"),
    @JsonSubTypes.Type(value = ReinstallSystemDiskCommand.class, name = "ReinstallSystemDisk"),
    @JsonSubTypes.Type(value = AdoptVolumeCommand.class, name = "AdoptVolume"),
    @JsonSubTypes.Type(value = EjectCdromCommand.class, name = "EjectCdrom"),
    // secure VM console (ADR 0030)
    @JsonSubTypes.Type(value = SetDisplayPasswordCommand.class, name = "SetDisplayPassword"),
})
public sealed interface AgentCommand
    permits CreateSystemDiskCommand, DefineVmCommand, StartVmCommand, ShutdownVmCommand,
        PowerOffVmCommand, RebootVmCommand, UndefineVmCommand, DeleteVmFilesCommand,
        ReadSerialLogCommand, QueryVmCommand, MigrateVmCommand, ForgetDomainCommand,
        ListHostDevicesCommand, EnsureNetworkCommand, EnsureDhcpCommand,
        RemoveDhcpCommand, SetGuestRoutesCommand, ApplyNicFiltersCommand,
        // data disks and storage clusters (ADR 0021)
        ProbeStorageCommand, CreateVolumeCommand, DeleteVolumeCommand, ResizeVolumeCommand,
        AttachDiskCommand, DetachDiskCommand, CloneVolumeCommand,
        // vm operations
        SuspendVmCommand, RestoreVmCommand, SetVcpusCommand,
        // storage live migration (ADR 0026)
        MigrateVolumeCommand, MigrateSystemDiskCommand, QueryBlockCopyCommand,
        // system disk growth (C4, ADR 0026)
        ResizeSystemDiskCommand,
        // devices (ADR 0027)
        AttachUsbCommand, DetachUsbCommand,
        // disk snapshots and QoS (ADR 0025)
        VolumeSnapshotCommand, VolumeFromSnapshotCommand, SetDiskQosCommand,
        // images from VMs, reinstall, boot from a disk, ISO install (ADR 0029)
        ExportSystemDiskCommand, ReinstallSystemDiskCommand, AdoptVolumeCommand, EjectCdromCommand,
        // secure VM console (ADR 0030)
        SetDisplayPasswordCommand {}
