# Tier-2, one guest: a real Linux bond with Soft-RoCE, migrated to an OVS kernel-datapath bond and
# rolled back; every figure goes to /mnt (the results share). MODE comes from /mnt/params (active-backup|802.3ad).
. "$(dirname "$(readlink -f "$0")")/common.sh"
MODE=active-backup
[ -f "$out/params" ] && . "$out/params"
stamp boot-done
make_bond "$MODE"
start_ovs
sleep 1
stamp inspect-before
nt inspect -o json > "$out/before.json"
nt inspect > "$out/before.txt" && true
stamp capture
bash "$repo/lab/capture-host" "$out/capture" > /dev/null
stamp upgrade
set +e
nt upgrade --yes --confirm-timeout 0 --state-dir /run/nt > "$out/upgrade.out" 2> "$out/upgrade.err"
echo $? > "$out/upgrade.rc"
set -e
stamp inspect-after
nt inspect -o json > "$out/after.json"
rdma -j link show > "$out/rdma-after.json" || true
stamp rollback
set +e
nt rollback --state-dir /run/nt > "$out/rollback.out" 2> "$out/rollback.err"
echo $? > "$out/rollback.rc"
set -e
stamp inspect-restored
nt inspect -o json > "$out/restored.json"
nt journal show --state-dir /run/nt > "$out/journal.txt" || true
stamp done
