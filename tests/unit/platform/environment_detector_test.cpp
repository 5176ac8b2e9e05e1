// The environment detector on one fixture root per kind of machine.

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "platform/linux/environment_detector.hpp"
#include "support/fixtures.hpp"

namespace host_exporter::platform {
namespace {

EnvironmentReading detect(const std::string& name, const EnvironmentVariables& variables = {}) {
  return detect_environment(test::fixture_roots("environments/" + name), variables);
}

bool has_evidence(const EnvironmentReading& reading, const std::string& part) {
  for (const auto& item : reading.evidence) {
    if (item.find(part) != std::string::npos) return true;
  }
  return false;
}

TEST(EnvironmentDetector, BareMetal) {
  const auto reading = detect("bare-metal");
  EXPECT_EQ(reading.platform, "linux");
  EXPECT_EQ(reading.virtualization, "none");
  EXPECT_EQ(reading.container, "none");
  EXPECT_FALSE(reading.docker_desktop);
  EXPECT_TRUE(reading.measures_host());
  EXPECT_EQ(reading.detail, "bare metal");
  EXPECT_EQ(reading.kernel_release, "6.1.0-18-amd64");
}

TEST(EnvironmentDetector, KvmGuestFromQemuDmiAndKvmClock) {
  const auto reading = detect("kvm-guest");
  EXPECT_EQ(reading.virtualization, "kvm");
  EXPECT_EQ(reading.container, "none");
  EXPECT_TRUE(reading.measures_host());
  EXPECT_TRUE(has_evidence(reading, "sys_vendor: QEMU"));
  EXPECT_TRUE(has_evidence(reading, "kvm-clock"));
  EXPECT_EQ(reading.detail, "KVM virtual machine");
}

TEST(EnvironmentDetector, DockerContainerRecordedOnTheBuildMachine) {
  const auto reading = detect("docker-container");
  EXPECT_EQ(reading.container, "docker");
  EXPECT_EQ(reading.virtualization, "vm-other");  // a Firecracker microVM: only the hypervisor flag
  EXPECT_FALSE(reading.measures_host());
  EXPECT_TRUE(has_evidence(reading, ".dockerenv exists"));
  EXPECT_EQ(reading.detail, "docker container in a virtual machine");
  EXPECT_EQ(reading.described(), "a docker container in a virtual machine");
}

TEST(EnvironmentDetector, PodmanContainer) {
  const auto reading = detect("podman-container");
  EXPECT_EQ(reading.container, "podman");
  EXPECT_EQ(reading.virtualization, "none");
  EXPECT_FALSE(reading.measures_host());
  EXPECT_TRUE(has_evidence(reading, "run/.containerenv exists"));
}

TEST(EnvironmentDetector, DockerDesktopLinuxKitVmOnAppleSilicon) {
  const auto reading = detect("docker-desktop-linuxkit");
  EXPECT_TRUE(reading.docker_desktop);
  EXPECT_TRUE(reading.apple_silicon_cpu);
  EXPECT_EQ(reading.virtualization, "apple");
  EXPECT_EQ(reading.container, "none");
  EXPECT_FALSE(reading.measures_host());
  EXPECT_EQ(reading.kernel_release, "6.10.14-linuxkit");
  EXPECT_TRUE(has_evidence(reading, "6.10.14-linuxkit (Docker Desktop's LinuxKit VM)"));
  EXPECT_TRUE(has_evidence(reading, "CPU implementer 0x61"));
  EXPECT_EQ(reading.detail, "Docker Desktop's LinuxKit VM on an Apple Silicon Mac");
}

TEST(EnvironmentDetector, Wsl2) {
  const auto reading = detect("wsl2");
  EXPECT_EQ(reading.virtualization, "wsl");
  EXPECT_EQ(reading.container, "none");
  EXPECT_TRUE(reading.measures_host());
  EXPECT_EQ(reading.detail, "WSL2 virtual machine");
}

TEST(EnvironmentDetector, KubernetesPodFromPid1Environment) {
  const auto reading = detect("kubernetes-pod");
  EXPECT_EQ(reading.container, "kubernetes");
  EXPECT_FALSE(reading.measures_host());
  EXPECT_TRUE(has_evidence(reading, "KUBERNETES_SERVICE_HOST=10.96.0.1"));
}

TEST(EnvironmentDetector, InjectedEnvironmentVariablesCount) {
  const auto k8s = detect("bare-metal", {{"KUBERNETES_SERVICE_HOST", "10.0.0.1"}});
  EXPECT_EQ(k8s.container, "kubernetes");
  EXPECT_TRUE(has_evidence(k8s, "environment: KUBERNETES_SERVICE_HOST=10.0.0.1"));
  const auto lxc = detect("bare-metal", {{"container", "lxc"}});
  EXPECT_EQ(lxc.container, "lxc");
}

TEST(EnvironmentDetector, OwnVariablesOnlyForTheLiveRoots) {
  EXPECT_TRUE(environment_variables_for(test::fixture_roots("environments/bare-metal")).empty());
  ::setenv("KUBERNETES_SERVICE_HOST", "10.1.2.3", 1);
  EXPECT_EQ(environment_variables_for(Roots{}).at("KUBERNETES_SERVICE_HOST"), "10.1.2.3");
  ::unsetenv("KUBERNETES_SERVICE_HOST");
}

TEST(EnvironmentDetector, AnEmptyTreeIsBareMetalNotAnError) {
  const auto reading = detect("does-not-exist");
  EXPECT_EQ(reading.virtualization, "none");
  EXPECT_EQ(reading.container, "none");
  EXPECT_TRUE(reading.kernel_release.empty());
}

}  // namespace
}  // namespace host_exporter::platform
