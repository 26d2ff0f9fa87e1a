package dev.vireo.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** The usage text of {@code vireo help} and {@code vireo <resource> --help}. */
final class Help {
  private static final Map<String, String> TOPICS = new LinkedHashMap<>();

  static {
    TOPICS.put("up", """
        vireo up | vireo down
            The all-in-one appliance on this machine (bin/vireo, as root): up installs what is
            missing, starts libvirt, the server and a local node, logs this CLI in and imports
            the test guest; down stops what up started. Both are idempotent.
        """);
    TOPICS.put("login", """
        vireo login [--server URL] [--user NAME] [--password-file FILE | --password PASSWORD]
                    [--totp-code CODE | --recovery-code CODE]
            Log in and save server, pinned certificate fingerprint and token in the profile
            ($VIREO_PROFILE, else ~/.config/vireo/profile.ini). A new server's fingerprint is
            trusted on first use and printed: compare it with the appliance console.
        vireo logout
        """);
    TOPICS.put("status", """
        vireo status
            Server, version, whether the saved token works, and how many nodes, VMs and images exist.
        """);
    TOPICS.put("image", """
        vireo image list
        vireo image show <id|name>
        vireo image import --name NAME --source SERVER_PATH_OR_URL [--description TEXT]
                           [--format qcow2|raw|iso] [--os-type linux|windows] [--boot-mode bios|uefi]
                           [--kind base|custom] [--idempotency-key KEY] [--wait]
        vireo image delete <id|name> [--force] [--wait]
        vireo image download <id|name> --file FILE [--resume]   the image's file (qcow2 or ISO), checked
            against its SHA-256; --resume continues a partial FILE
        """);
    TOPICS.put("vm", """
        vireo vm list [--state STATE] [--node NODE_ID]
        vireo vm show <id|name>
        vireo vm create --name NAME (--image IMAGE | --boot-disk DISK [--os-type linux|windows]
                        [--boot-mode bios|uefi]) --spec SPEC [--cluster CLUSTER_ID] [--disk-gib N]
                        [--group GROUP_ID[,GROUP_ID...]]... [--ha never-stop|none] [--description TEXT] [--no-start]
                        [--network NET[:IPV4][@SG[+SG]...]]... [--hostname HOST] [--dns ADDR[,ADDR]]
                        [--password-file FILE]
                        [--idempotency-key KEY] [--cpu-mode custom|host-passthrough] [--no-wait]
                        [--gpus 1|2|4]
            --network: a NIC per option, eth0 first; the address is the first free one unless given;
            @SG+SG: its security groups in evaluation order (none: unfiltered).
            --hostname defaults to one made from the name; --dns to the first network's; the password
            (first line of FILE) is stored only as a SHA-512 crypt hash.
            An ISO as --image installs onto a blank disk of --disk-gib (at least 10): the VM boots the ISO
            until its disk holds an OS. --boot-disk: an AVAILABLE data disk holding an OS becomes the
            system disk (it leaves the disk list).
        vireo vm make-image <id|name> --name IMAGE_NAME [--description TEXT] [--no-wait]
            a custom image from the STOPPED VM's system disk (standalone: no base image, no snapshots)
        vireo vm reinstall <id|name> --image IMAGE [--password-file FILE] [--no-wait]
            a new system disk from an image of the VM's OS family (Linux to Linux, Windows to Windows);
            a RUNNING VM is powered off and started again; its size, NICs and data disks stay
        vireo vm eject-iso <id|name> [--no-wait]   removes the installation ISO from the CD-ROM drive
        vireo vm start|poweroff|reboot|delete <id|name> [--no-wait]
        vireo vm delete <id|name> --delete-disks [--no-wait]   also deletes its data disks (else they stay)
        vireo vm stop <id|name> [--timeout SECONDS] [--no-force] [--no-wait]
        vireo vm migrate <id|name> [--node NODE_ID] [--no-wait]   live; without --node the scheduler chooses
        vireo vm migrate <id|name> --cluster CLUSTER [--no-wait]  offline: a stopped VM moves to another
                        cluster (id or name) and is placed there at its next start
        vireo vm rename <id|name> --name NEW_NAME [--description TEXT] [--no-wait]
        vireo vm set-mac <id|name> [--nic N] --mac MAC [--no-wait]   a STOPPED VM's NIC N (0 = eth0) gets a custom MAC
        vireo vm set-security-groups <id|name> [--nic N] (--group ID_OR_NAME... | --none) [--no-wait]
            NIC N's (0 = eth0) security groups in evaluation order (at most 5); --none: unfiltered.
            Running or stopped; the VM's node applies the filter.
        vireo vm ha <id|name> --mode never-stop|none [--no-wait]   never-stop: restarted whenever it stops unasked
        vireo vm console-log <id|name> [--max-bytes N]
        vireo vm console <id|name> [--spice] [--vv FILE]
                                     a one-time console ticket (VNC by default; valid 300 s, once);
                                     --vv writes a SPICE ticket as a virt-viewer file for remote-viewer
        vireo vm suspend|resume <id|name> [--no-wait]   suspend to a file on the shared storage / restore
        vireo vm resize <id|name> (--spec SPEC | --cpu N --memory-gib N) [--no-wait]
                        STOPPED: up or down; RUNNING: CPU up only (hot-add), memory unchanged
        vireo vm cpu-mode <id|name> --mode custom|host-passthrough [--no-wait]   while STOPPED
        vireo vm resize-disk <id|name> --size-gib N [--no-wait]   grows the system disk (online when RUNNING);
            never shrinks. Grow the partition and file system inside the guest afterwards.
        vireo vm migrate-disk <id|name> --storage STORAGE_CLUSTER [--no-wait]   moves the system disk to
            another storage cluster of the VM's compute cluster, live when RUNNING (the job shows its progress)
        vireo vm usb <id|name>                                   the VM's USB devices
        vireo vm usb-attach <id|name> (--vendor VID --product PID [--bus N --device N] | --bus N --device N
                        | --redirect HOST:PORT) [--no-wait]
            passthrough: a USB device of the VM's node (migration is refused while one is attached);
            --redirect: usbredir over TCP to a client's usbredir server (survives migration)
        vireo vm usb-detach <id|name> --usb USB_ID [--no-wait]
        vireo vm snapshot list|show|create|delete|rollback|new-disk <vm> ...   snapshots of its system disk, as
            for `vireo disk snapshot` (rollback only while STOPPED; new-disk: a data disk with its data)
        """);
    TOPICS.put("job", """
        vireo job list [--state queued|running|succeeded|failed]
        vireo job show <id>
        vireo job wait <id> [--timeout SECONDS]     exit code 1 if the job FAILED
        """);
    TOPICS.put("oplog", """
        vireo oplog list [--module vms,storage,...] [--result succeeded|failed|running] [--operator NAME]
            [--resource ID] [--since 24h | --from INSTANT] [--to INSTANT] [--limit N]
            the operation log, newest first (default: the last hour; at most 183 days back)
        vireo oplog export FILE.xlsx [the same filters]   the filtered entries as an Excel workbook
        """);
    TOPICS.put("events", """
        vireo events list [--type vm|node] [--resource ID] [--region REGION_ID] [--level normal,warning,error]
            [--event-type "VM started"] [--since 24h | --from INSTANT] [--to INSTANT] [--limit N]
            resource events (lifecycle changes, operation outcomes), repeats counted, most recent first
            (default: the last 24 hours; at most 183 days back)
        vireo events export FILE.xlsx [the same filters]   the filtered events as an Excel workbook
        """);
    TOPICS.put("alarm", """
        vireo alarm list [--state pending,firing,resolved] [--severity info,important,critical] [--resource ID]
            [--limit N]   alarm records, newest first
        vireo alarm templates   alarm templates with their rule and binding counts
        """);
    TOPICS.put("account", """
        vireo account list   every account with its scope, state and roles
        vireo account show <id|login>   one account
        vireo account whoami   the logged-in account and its permissions
        vireo account freeze|unfreeze <id>   frozen accounts cannot log in; their tokens stop working
        vireo account delete <id>
        vireo account totp enrol [--qr-svg FILE]   start two-factor login: secret, otpauth:// URI, QR code
        vireo account totp confirm <code>   turn it on with a first code; prints 10 one-time recovery codes
        vireo account totp disable [--password-file FILE]   turn your own two-factor login off
        vireo account totp reset <id>   an administrator turns another account's two-factor login off
        vireo account allow-list <id>   the addresses and CIDR blocks the account may log in from
        vireo account set-allow-list <id> [ENTRY...]   e.g. 10.0.0.0/8 2001:db8::/32; none: any address
        vireo account sessions <id>   the account's live sessions
        vireo account revoke-sessions <id> [--session ID]   end one or every session of the account
        vireo account change-email <new e-mail> [--password-file FILE]   your own login e-mail
        vireo account password-recovery <e-mail>   mail a one-time link to set a new password (no login needed)
        vireo account password-reset --token TOKEN [--password-file FILE]   set it with the link's token
        (log in with two-factor authentication: vireo login --totp-code CODE or --recovery-code CODE)
        """);
    TOPICS.put("apikey", """
        vireo apikey create [--description TEXT] [--account ID]   a new key pair; the secret is shown once
        vireo apikey list [--account ID]   access keys, enabled or not, last use
        vireo apikey disable|enable|delete <access key> [--account ID]
            Keys of the own account unless --account names another (needs the accounts permission).
            With VIREO_ACCESS_KEY and VIREO_SECRET_KEY set, every command signs its requests with
            that key pair instead of the profile's token; VIREO_SERVER and VIREO_FINGERPRINT may
            then replace the profile's server and fingerprint. VIREO_SIGNING_ALGORITHM=SM3 signs
            with VIREO-HMAC-SM3 (GB/T 32905) instead of the default VIREO-HMAC-SHA256.
        """);
    TOPICS.put("role", "vireo role list   built-in and custom roles\n");
    TOPICS.put("branding", """
        vireo branding show   the platform's branding: titles, login page, switches, images
        vireo branding set [--site-title T] [--big-screen-title T] [--login-title T] [--login-title-color white|black|red|
            yellow|green|cyan|blue|brown|purple|orange|grey|gold] [--login-phone P] [--input-position center|left|right]
            [--copyright T] [--description T] [--transparent true|false] [--primary-color #RRGGBB]
            [--accent-color #RRGGBB] [--show-help|--show-favorites|--english-console|--show-failure-reasons|
            --alarm-unit-megabytes true|false]   options left out keep their value
        vireo branding set-image favicon|logo|login-logo|login-background FILE
            favicon: ICO up to 100 KB; logos: PNG/JPEG up to 200 KB (352x72 px); background: PNG/JPEG up to 500 KB
        vireo branding reset [KIND]   everything back to the Vireo defaults, or only the image KIND
        """);
    TOPICS.put("oauth-client", """
        vireo oauth-client create --name NAME [--public] [--redirect-uri URI]... [--grant authorization_code|
            client_credentials|refresh_token]... [--scope openid|email|vireo.read|vireo.write]...
            registers an application with the OAuth 2.0 provider; prints its client_id and, once, its secret
        vireo oauth-client list | show <client_id> | delete <client_id>
        vireo oauth-client signing-keys   the ID-token signing keys published in the JWK Set
        vireo oauth-client rotate-signing-key [--reason TEXT]
            a new key signs from now on; the old one keeps verifying until the next rotation
        """);
    TOPICS.put("spec", """
        vireo spec list [--cluster CLUSTER_ID]
        vireo spec create --cpu N --memory-gib N [--cluster CLUSTER_ID] [--no-wait]
        vireo spec update <spec id> [--name NAME] [--cpu N] [--memory-gib N] [--no-wait]
            created and default specs alike; CPU 1 or even up to 240, memory 1 or even up to 1024 GiB;
            VMs made from the spec keep their size
        vireo spec delete <spec id> [--no-wait]   a cluster's default spec cannot be deleted
        """);
    TOPICS.put("disk-spec", """
        vireo disk-spec list
        vireo disk-spec show <storage cluster>
        vireo disk-spec update <storage cluster> [--min-gib N] [--max-gib N]
            the capacity range of new disks on the storage cluster (at least 10 GiB, at most the
            server's [storage] max_disk_gib); generated per storage cluster, never created or deleted
        """);
    TOPICS.put("cluster", "vireo cluster list\nvireo cluster show <id>\n"
        + "vireo cluster create --name NAME [--arch x86_64|aarch64] [--overcommit PERCENT] [--no-wait]\n"
        + "vireo cluster update <id> [--name NAME] [--overcommit PERCENT] [--ha-probe-interval SECONDS]\n"
        + "    overcommit 100-600 in steps of 50, raise only; HA probe interval 1-60 s (default 10)\n");
    TOPICS.put("region", "vireo region list\n");
    TOPICS.put("security-group", """
        vireo security-group list
        vireo security-group show <id|name>
        vireo security-group create --name NAME [--description TEXT] [--rules-file FILE] [--idempotency-key KEY]
                                    [--no-wait]
        vireo security-group replace <id|name> --name NAME [--description TEXT] [--rules-file FILE] [--no-wait]
            The job pushes the new rules to the nodes of the VMs whose NICs carry the group.
            FILE: a JSON list of rules, e.g. [{"direction":"ingress","protocol":"ssh","address":"10.0.0.0/8",
            "action":"accept","priority":"high"}]; protocol tcp|udp|icmpv4|icmpv6|gre|all or a shortcut
            (http https ssh rdp ping ftp openvpn pptp), ports like 80,443,3306-10000. No rules: drop all.
        vireo security-group delete <id|name> [--no-wait]   refused while a VM NIC carries it
        vireo security-group test (--group ID_OR_NAME... | --vm VM [--nic N]) --direction ingress|egress
                                  --protocol PROTO (--source ADDR | --destination ADDR) [--port N]
            The verdict for the first packet of a connection, the deciding rule and the evaluation order.
        """);
    TOPICS.put("port-group", """
        vireo port-group list
        vireo port-group show <id|name>
        vireo port-group create --name NAME --entry TCP:80,443,3306-10000 [--entry UDP:53]... [--description TEXT]
                                [--idempotency-key KEY] [--no-wait]
        vireo port-group replace <id|name> --name NAME --entry ENTRY... [--description TEXT] [--no-wait]
        vireo port-group delete <id|name> [--no-wait]   refused while a security-group rule names it
        """);
    TOPICS.put("ip-group", """
        vireo ip-group list
        vireo ip-group show <id|name>
        vireo ip-group create --name NAME --entry ADDR|CIDR|FIRST-LAST... [--description TEXT]
                              [--idempotency-key KEY] [--no-wait]
        vireo ip-group replace <id|name> --name NAME --entry ENTRY... [--description TEXT] [--no-wait]
        vireo ip-group delete <id|name> [--no-wait]   refused while a security-group rule names it
        """);
    TOPICS.put("network", """
        vireo network list
        vireo network show <id|name>
        vireo network create --name NAME --uplink DEVICE --subnet CIDR [--vlan 1-4094] [--gateway ADDR]
                             [--range START-END] [--ipv6-subnet CIDR] [--ipv6-gateway ADDR] [--ipv6-range START-END]
                             [--dns ADDR[,ADDR]] [--route CIDR=NEXT_HOP]... [--dhcp] [--cluster CLUSTER_ID]
                             [--idempotency-key KEY] [--no-wait]
            A flat network: the VLAN (untagged without --vlan) on each node's uplink device (e.g. bond0).
            DNS defaults to 114.114.114.114; the range to the subnet's usable addresses. --dhcp: each
            node serves DHCP to its own VMs on the network (their IPAM addresses, gateway, DNS, routes).
        vireo network set-routes <id|name> [--route CIDR=NEXT_HOP]... [--no-wait]
            Replaces the custom routes (none given: removes them all); running VMs get them at once
            through their guest agent, without a reboot.
        vireo network delete <id|name> [--no-wait]   refused while a VM has a NIC on it
        """);
    TOPICS.put("disk", """
        vireo disk list [--state STATE] [--vm VM]
        vireo disk show <id|name>
        vireo disk create --name NAME --size-gib N [--storage STORAGE_CLUSTER] [--description TEXT]
                          [--idempotency-key KEY] [--no-wait]
            A thin disk: at least 10 GiB, whole GiB, at most the administrator's maximum; on the default
            cluster's storage root unless --storage names a storage cluster.
        vireo disk attach <id|name> --vm VM [--no-wait]   to a running (hot-plug) or stopped VM; one VM at a time,
            x86 VMs take 25 data disks, ARM VMs 3; the guest finds it as /dev/disk/by-id/virtio-<disk id>
        vireo disk detach <id|name> [--no-wait]           from its VM (hot-unplug when it runs); the data stays
        vireo disk resize <id|name> --size-gib N [--no-wait]   grows it (online when attached to a running VM);
            disks never shrink. Grow the file system inside the guest afterwards.
        vireo disk clone <id|name> --name NAME [--description TEXT] [--no-wait]   a new disk with its data
            (same size and storage); only a disk on no VM
        vireo disk delete <id|name> [--no-wait]           refused while attached
        vireo disk migrate <id|name> --storage STORAGE_CLUSTER [--no-wait]   moves it to another storage
            cluster of its compute cluster; live (block copy, then pivot) when its VM runs, so the guest
            keeps running; the old file is deleted only once the VM uses the new one
        vireo disk snapshot list <disk>
        vireo disk snapshot show <disk> --snapshot SNAPSHOT
        vireo disk snapshot create <disk> --name NAME [--description TEXT] [--no-wait]
            at most the per-disk limit of 'vireo settings disks' (1-5, default 5); of a disk on a running
            VM: live and crash-consistent (what the guest had written, not its caches)
        vireo disk snapshot delete <disk> --snapshot SNAPSHOT [--no-wait]   any one; the others stay intact
        vireo disk snapshot rollback <disk> --snapshot SNAPSHOT [--no-wait]
            only a detached disk or one of a stopped VM; its data and size become the snapshot's
        vireo disk snapshot new-disk <disk> --snapshot SNAPSHOT --name NAME [--description TEXT] [--no-wait]
            a new disk with the snapshot's data and size, on the same storage cluster
        vireo disk qos show <disk>     its I/O limits: its own, or the capacity formula's (with disk QoS on)
        vireo disk qos set <disk> --read-iops N --write-iops N --read-mbps N --write-mbps N [--no-wait]
            IOPS 0-50000, MB/s 0-1000, 0 = unlimited; applied at once to a running VM
        """);
    TOPICS.put("settings", """
        vireo settings disks [--qos on|off] [--max-snapshots N]
            the global disk QoS switch (off: no disk is limited; a switch re-applies the limits to the
            disks of the VMs on nodes and waits for it) and the manual snapshots per disk, 1-5
        vireo settings deletion-policy [--forbid | --allow]
            while forbidden, every delete (VMs, disks, images, networks, ...) is refused
        vireo settings tls-certificate [--chain PEM_FILE --key PEM_FILE]
            shows the server certificate; with files replaces it (chain: the server certificate first;
            key: unencrypted PEM) without a restart, and pins the new fingerprint in this profile
        vireo settings smtp-test --to ADDRESS   sends a test mail through the SMTP settings now
        """);
    TOPICS.put("storage", """
        vireo storage list
        vireo storage show <id|name>
        vireo storage create --name ALIAS --path MOUNT_POINT [--cluster CLUSTER] [--description TEXT]
                             [--idempotency-key KEY] [--no-wait]
            Registers shared storage (NFS, SAN file system) that you mounted at MOUNT_POINT on every node
            of the cluster; the job checks each node. Each cluster has a default one: its storage root.
        vireo storage refresh <id|name> [--no-wait]   measures capacity and use again
        vireo storage delete <id|name> [--no-wait]    refused while it holds disks, and for a default one
        """);
    TOPICS.put("group", """
        vireo group list
        vireo group show <id>
        vireo group create --name NAME --kind vm|node --relation affinity|anti-affinity
                           [--strictness hard|soft] [--node NODE_ID[,NODE_ID...]]... [--idempotency-key KEY]
                           [--no-wait]
            Isolation groups: a VM group keeps its VMs together (affinity) or apart (anti-affinity);
            a node group keeps its VMs on (affinity) or off (anti-affinity) its nodes. hard (the
            default) refuses a placement that cannot meet the rule, soft only prefers. VMs join
            groups when created: vireo vm create ... --group ID.
        vireo group set-nodes <id> [--node NODE_ID[,NODE_ID...]]... [--no-wait]   a node group's new set of nodes
        vireo group delete <id> [--no-wait]      refused while a live VM is in the group
        """);
    TOPICS.put("placement", """
        vireo placement dry-run --spec SPEC | --cpu N --memory-gib N [--cluster CLUSTER_ID]
                                [--group GROUP_ID[,GROUP_ID...]]...
            Where such a VM would be placed now, and every node's verdict (accepted with its score,
            or rejected by which filter and why). Changes nothing.
        """);
    TOPICS.put("node", "vireo node list\nvireo node show <id>   facts and the node's VMs\n"
        + "vireo node devices <id>   network, block, USB devices and GPUs as the node's agent sees them now\n"
        + "vireo node lock|unlock <id> [--no-wait]   a locked node takes no new VMs; its VMs keep running\n"
        + "vireo node maintenance enter|exit <id> [--no-wait]   enter: only a locked node; its VMs move to other\n"
        + "    nodes of its cluster (live if running). exit: back to locked (then unlock it)\n");
  }

  private static final String HEADER = """
      Usage: vireo <command> [options]     (--output json|table, --help anywhere)
      Exit codes: 0 ok, 1 refused by the server or a job failed, 2 wrong command line, 3 server unreachable.

      """;

  private Help() {}

  static boolean knows(String topic) {
    return TOPICS.containsKey(topic);
  }

  /** All topics, or one resource's. */
  static String text(String topic) {
    if (topic != null) {
      return TOPICS.get(topic);
    }
    return HEADER + String.join("", TOPICS.values());
  }

  /** The verbs of a resource for an error message, e.g. {@code <list|show>}. */
  static String verbs(String resource) {
    return switch (resource) {
      case "image" -> "<list|show|import|delete>";
      case "vm" -> "<list|show|create|start|stop|poweroff|reboot|migrate|delete|rename|ha|set-mac|console-log"
          + "|suspend|resume|resize|cpu-mode|snapshot>";
      case "job" -> "<list|show|wait>";
      case "oplog", "events" -> "<list|export>";
      case "alarm" -> "<list|templates>";
      case "account" -> "<list|show|whoami|freeze|unfreeze|delete|totp|allow-list|set-allow-list|sessions"
          + "|revoke-sessions|change-email|password-recovery|password-reset>";
      case "branding" -> "<show|set|set-image|reset>";
      case "apikey" -> "<create|list|disable|enable|delete>";
      case "oauth-client" -> "<create|list|show|delete|signing-keys|rotate-signing-key>";
      case "node" -> "<list|show|devices|lock|unlock|maintenance>";
      case "cluster" -> "<list|show|create|update>";
      case "group" -> "<list|show|create|set-nodes|delete>";
      case "network" -> "<list|show|create|set-routes|delete>";
      case "disk" -> "<list|show|create|attach|detach|resize|clone|delete|snapshot|qos>";
      case "storage" -> "<list|show|create|refresh|delete>";
      case "security-group" -> "<list|show|create|replace|delete|test>";
      case "port-group", "ip-group" -> "<list|show|create|replace|delete>";
      case "placement" -> "<dry-run>";
      case "settings" -> "<disks|deletion-policy|tls-certificate|smtp-test>";
      case "spec" -> "<list|create|update|delete>";
      case "disk-spec" -> "<list|show|update>";
      default -> "<list>";
    };
  }
}
