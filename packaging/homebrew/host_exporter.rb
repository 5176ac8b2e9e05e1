# Homebrew formula for host_exporter (a tap formula: brew install --build-from-source ./host_exporter.rb, or put it
# in a tap repository).
#
#   brew install host_exporter
#   brew services start host_exporter        # a LaunchAgent: starts at login, runs as you
#   sudo brew services start host_exporter   # a LaunchDaemon: starts at boot, runs as root, so it can also read
#                                            # other users' processes (their open descriptors, for instance)
#
# Logs: $(brew --prefix)/var/log/host_exporter.log (stdout) and host_exporter.err.log (stderr, the log lines).
class HostExporter < Formula
  desc "Native host metrics exporter: node_exporter-compatible, btop's numbers, push API"
  homepage "https://github.com/REPLACE-ME/host_exporter"
  # PLACEHOLDER: point url at a release tarball of host_exporter and set its sha256
  # (shasum -a 256 host_exporter-X.Y.Z.tar.gz) before publishing this formula.
  url "https://github.com/REPLACE-ME/host_exporter/archive/refs/tags/v0.1.0.tar.gz"
  sha256 "0000000000000000000000000000000000000000000000000000000000000000"
  # PLACEHOLDER: add `license "..."` once the project has chosen one (the repository has no LICENSE file yet).
  head "https://github.com/REPLACE-ME/host_exporter.git", branch: "main"

  depends_on "cmake" => :build
  depends_on "ninja" => :build
  depends_on "pkg-config" => :build
  depends_on "cli11"
  depends_on "cpp-httplib"
  depends_on "libxcrypt" # bcrypt for basic_auth_users: macOS's crypt(3) is DES only
  depends_on "nlohmann-json"
  depends_on "openssl@3"
  depends_on "yaml-cpp"

  uses_from_macos "zlib"

  def install
    args = %w[
      -DHX_BUILD_TESTS=OFF
      -DHX_BUILD_BENCH=OFF
      -DHX_BUILD_PYTHON=OFF
    ]
    system "cmake", "-S", ".", "-B", "build", "-G", "Ninja", *args, *std_cmake_args
    system "cmake", "--build", "build"
    bin.install "build/src/cli/host_exporter"
    (var/"host_exporter").mkpath
  end

  service do
    # 127.0.0.1 is enough for Docker Desktop: it forwards host.docker.internal to the Mac's loopback.
    run [opt_bin/"host_exporter", "--web.listen-address=127.0.0.1:9101"]
    keep_alive true
    working_dir var/"host_exporter"
    log_path var/"log/host_exporter.log"
    error_log_path var/"log/host_exporter.err.log"
  end

  test do
    port = free_port
    pid = fork { exec bin/"host_exporter", "--web.listen-address=127.0.0.1:#{port}" }
    sleep 3
    assert_match "host_exporter_build_info", shell_output("curl -s http://127.0.0.1:#{port}/metrics")
  ensure
    Process.kill("TERM", pid) if pid
    Process.wait(pid) if pid
  end
end
