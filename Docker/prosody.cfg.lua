-- Prosody for Docker/compose.yaml: one virtual host, a MUC service and the
-- MLSGate external component. The component port is reachable only on the
-- compose network, never published on the host.

admins = { }
log = { { levels = { min = "info" }, to = "console" } }

modules_enabled = {
    "roster"; "saslauth"; "tls"; "disco"; "ping"; "register"; "version";
    "time"; "uptime"; "private"; "vcard_legacy"; "carbons"; "pep"; "blocklist";
}

authentication = "internal_hashed"
storage = "internal"
-- A local trial on "localhost" has no certificate. For a real domain, put its
-- certificate in /etc/prosody/certs and set this to true.
c2s_require_encryption = false
allow_registration = false

-- XEP-0114: listen on all interfaces of the container, so the mlsgate
-- container can reach it by service name. Do not publish this port.
component_ports = { 5347 }
component_interfaces = { "*" }

VirtualHost "localhost"

Component "muc.localhost" "muc"
    name = "Chat rooms"
    restrict_room_creation = "local"

-- The MLSGate component. The secret must equal [component] secret, which the
-- mlsgate service receives as MLSGATE_COMPONENT_SECRET.
Component "mls.localhost"
    component_secret = os.getenv("MLSGATE_COMPONENT_SECRET") or "change-me"
