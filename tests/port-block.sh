#!/usr/bin/env bash
# Shared by the scripts that start a stack of their own with ./platform up (sourced, not run).
# `use_port_block BASE` moves that stack to a block of ports starting at BASE, laid out as ./platform's port table
# lays out 8080-8082: the gateway on BASE, health-service on BASE+1, logparse-service on BASE+2, and instance i of
# each (<SERVICE>_REPLICAS) 10*(i-1) higher. It exports the ports ./platform reads.

use_port_block() {
    local base=$1
    [[ "$base" =~ ^[0-9]+$ ]] || {
        echo "port block: '$base' is not a port" >&2
        return 1
    }
    export GATEWAY_PORT=$base HEALTH_PORT=$((base + 1)) LOGPARSE_PORT=$((base + 2))
}
