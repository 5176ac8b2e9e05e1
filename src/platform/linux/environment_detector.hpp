#pragma once
// Which machine are we measuring? Bare metal, a virtual machine, a container,
// WSL, or Docker Desktop's LinuxKit VM (where node_exporter, even with
// --pid=host --net=host, reports the VM and not the Mac or PC around it).
//
// Everything is read through the roots, so a fixture tree can play any of them.
// Checks follow systemd-detect-virt's order for virtual machines (DMI vendor
// strings, then /proc/xen, the cpuinfo "hypervisor" flag, /sys/hypervisor/type,
// the device tree) and the usual container marks (/.dockerenv, /run/.containerenv,
// /run/systemd/container, $container of PID 1, cgroup paths, KUBERNETES_SERVICE_HOST).

#include "platform/environment.hpp"
