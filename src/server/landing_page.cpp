#include "server/landing_page.hpp"

namespace host_exporter::server {

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string render_landing_page(std::string_view telemetry_path, std::string_view version) {
  const std::string path = html_escape(telemetry_path);
  std::string page;
  page += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  page += "<title>host_exporter</title>\n</head>\n<body>\n";
  page += "<h1>host_exporter</h1>\n";
  page += "<p>Host and application metrics for Prometheus. Version " + html_escape(version) + ".</p>\n";
  page += "<ul>\n";
  page += "<li><a href=\"/\">/</a>: the live page (<a href=\"/api/v1/snapshot\">/api/v1/snapshot</a>, "
          "<a href=\"/api/v1/history\">/api/v1/history</a>, /api/v1/events)</li>\n";
  page += "<li><a href=\"" + path + "\">" + path + "</a>: metrics</li>\n";
  page += "<li><a href=\"/-/healthy\">/-/healthy</a>: liveness</li>\n";
  page += "<li><a href=\"/-/ready\">/-/ready</a>: readiness</li>\n";
  page += "</ul>\n</body>\n</html>\n";
  return page;
}

}  // namespace host_exporter::server
