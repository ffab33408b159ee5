#!/bin/sh
# LOG_COMPILER of `make check` in scripts/test-valgrind.sh: runs a unit test
# program under valgrind memcheck; the integration runner (a script) runs as
# is and wraps each pam_driver itself (PCG_DRIVER_WRAPPER).
case "$1" in
*.sh) exec "$@" ;;
*) exec $PCG_DRIVER_WRAPPER "$@" ;;
esac
