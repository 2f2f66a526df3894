#!/bin/sh
# Runs a command (the end-to-end suite) in a private network namespace, so several runs on one
# machine do not fight over the fixed ports the suite binds (443): as root,
#   unshare -n tests/e2e/netns.sh env ENGINE=webkit node --test --test-concurrency=1 tests/e2e/
# Besides loopback it adds a veth pair and a default route: with loopback alone Chromium and
# WebKit report navigator.onLine === false, and SDKs that hold events while offline (Amplitude)
# never send. Routes to anywhere else are unreachable, so nothing leaves and lookups fail at once.
set -eu
ip link set lo up
ip link add bz0 type veth peer name bz1
ip addr add 10.254.0.1/24 dev bz0
ip addr add 10.254.0.2/24 dev bz1
ip link set bz0 up
ip link set bz1 up
ip route add default via 10.254.0.2 dev bz0
ip route add unreachable 0.0.0.0/1
ip route add unreachable 128.0.0.0/1
exec "$@"
