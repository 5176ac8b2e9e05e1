// IOKit: disk statistics (IOMedia whose parent is an IOBlockStorageDriver), GPU
// utilisation (IOAccelerator PerformanceStatistics) and power sources (IOPowerSources).
// All readable without root.
#include <CoreFoundation/CoreFoundation.h>
#include <IOKit/IOBSD.h>
#include <IOKit/IOKitLib.h>
#include <IOKit/ps/IOPSKeys.h>
#include <IOKit/ps/IOPowerSources.h>
#include <IOKit/storage/IOBlockStorageDriver.h>
#include <IOKit/storage/IOMedia.h>

#include "platform/darwin/system_readers.hpp"

namespace host_exporter::platform::darwin {

namespace {

// Releases a Core Foundation object at scope exit.
template <typename T>
struct CfHolder {
  T ref = nullptr;
  ~CfHolder() {
    if (ref != nullptr) CFRelease(ref);
  }
};

struct IoObject {
  io_object_t object = 0;
  ~IoObject() {
    if (object != 0) IOObjectRelease(object);
  }
};

std::string to_string(CFStringRef text) {
  if (text == nullptr) return {};
  char buffer[256];
  if (CFStringGetCString(text, buffer, sizeof buffer, kCFStringEncodingUTF8)) return buffer;
  return {};
}

std::optional<double> number(CFDictionaryRef dictionary, const char* key) {
  CfHolder<CFStringRef> name{CFStringCreateWithCString(kCFAllocatorDefault, key, kCFStringEncodingUTF8)};
  const void* value = CFDictionaryGetValue(dictionary, name.ref);
  if (value == nullptr || CFGetTypeID(value) != CFNumberGetTypeID()) return std::nullopt;
  double out = 0;
  if (!CFNumberGetValue(static_cast<CFNumberRef>(value), kCFNumberDoubleType, &out)) return std::nullopt;
  return out;
}

void copy_numbers(CFDictionaryRef dictionary, std::map<std::string, std::int64_t>& out) {
  const CFIndex count = CFDictionaryGetCount(dictionary);
  std::vector<const void*> keys(static_cast<std::size_t>(count)), values(static_cast<std::size_t>(count));
  CFDictionaryGetKeysAndValues(dictionary, keys.data(), values.data());
  for (CFIndex i = 0; i < count; ++i) {
    const auto k = static_cast<std::size_t>(i);
    if (CFGetTypeID(keys[k]) != CFStringGetTypeID() || CFGetTypeID(values[k]) != CFNumberGetTypeID()) continue;
    std::int64_t value = 0;
    if (CFNumberGetValue(static_cast<CFNumberRef>(values[k]), kCFNumberSInt64Type, &value)) {
      out[to_string(static_cast<CFStringRef>(keys[k]))] = value;
    }
  }
}

}  // namespace

bool read_disks(std::vector<DiskReading>& out, std::string& error) {
  out.clear();
  CFMutableDictionaryRef match = IOServiceMatching(kIOMediaClass);
  CFDictionarySetValue(match, CFSTR(kIOMediaWholeKey), kCFBooleanTrue);
  io_iterator_t iterator = 0;
  // IOServiceGetMatchingServices consumes `match`.
  if (IOServiceGetMatchingServices(kIOMainPortDefault, match, &iterator) != KERN_SUCCESS) {
    error = "IOServiceGetMatchingServices(IOMedia) failed";
    return false;
  }
  IoObject iterator_holder{iterator};
  while (io_object_t media = IOIteratorNext(iterator)) {
    IoObject media_holder{media};
    IoObject parent;
    if (IORegistryEntryGetParentEntry(media, kIOServicePlane, &parent.object) != KERN_SUCCESS) continue;
    if (!IOObjectConformsTo(parent.object, "IOBlockStorageDriver")) continue;
    CfHolder<CFStringRef> bsd_name{static_cast<CFStringRef>(
        IORegistryEntryCreateCFProperty(media, CFSTR(kIOBSDNameKey), kCFAllocatorDefault, 0))};
    CfHolder<CFDictionaryRef> statistics{static_cast<CFDictionaryRef>(IORegistryEntryCreateCFProperty(
        parent.object, CFSTR(kIOBlockStorageDriverStatisticsKey), kCFAllocatorDefault, 0))};
    if (bsd_name.ref == nullptr || statistics.ref == nullptr ||
        CFGetTypeID(statistics.ref) != CFDictionaryGetTypeID()) {
      continue;
    }
    DiskReading disk;
    disk.name = to_string(bsd_name.ref);
    copy_numbers(statistics.ref, disk.statistics);
    out.push_back(std::move(disk));
  }
  return true;
}

bool read_gpus(std::vector<GpuReading>& out, std::string& error) {
  out.clear();
  io_iterator_t iterator = 0;
  if (IOServiceGetMatchingServices(kIOMainPortDefault, IOServiceMatching("IOAccelerator"), &iterator) !=
      KERN_SUCCESS) {
    error = "IOServiceGetMatchingServices(IOAccelerator) failed";
    return false;
  }
  IoObject iterator_holder{iterator};
  while (io_object_t accelerator = IOIteratorNext(iterator)) {
    IoObject holder{accelerator};
    GpuReading gpu;
    io_name_t class_name{};
    if (IOObjectGetClass(accelerator, class_name) == KERN_SUCCESS) gpu.name = class_name;
    std::uint64_t registry_id = 0;
    if (IORegistryEntryGetRegistryEntryID(accelerator, &registry_id) == KERN_SUCCESS) gpu.registry_id = registry_id;
    CfHolder<CFDictionaryRef> stats{static_cast<CFDictionaryRef>(
        IORegistryEntryCreateCFProperty(accelerator, CFSTR("PerformanceStatistics"), kCFAllocatorDefault, 0))};
    if (stats.ref != nullptr && CFGetTypeID(stats.ref) == CFDictionaryGetTypeID()) {
      gpu.utilization_percent = number(stats.ref, "Device Utilization %");
      if (!gpu.utilization_percent) gpu.utilization_percent = number(stats.ref, "GPU Activity(%)");
    }
    out.push_back(std::move(gpu));
  }
  return true;
}

bool read_power_sources(std::vector<PowerSourceReading>& out, std::string& error) {
  out.clear();
  CfHolder<CFTypeRef> info{IOPSCopyPowerSourcesInfo()};
  if (info.ref == nullptr) {
    error = "IOPSCopyPowerSourcesInfo returned nothing";
    return false;
  }
  CfHolder<CFArrayRef> list{IOPSCopyPowerSourcesList(info.ref)};
  if (list.ref == nullptr) return true;  // a desktop Mac without a UPS
  for (CFIndex i = 0; i < CFArrayGetCount(list.ref); ++i) {
    CFDictionaryRef description = IOPSGetPowerSourceDescription(info.ref, CFArrayGetValueAtIndex(list.ref, i));
    if (description == nullptr) continue;
    PowerSourceReading source;
    source.name = to_string(static_cast<CFStringRef>(CFDictionaryGetValue(description, CFSTR(kIOPSNameKey))));
    source.current_capacity = number(description, kIOPSCurrentCapacityKey);
    source.max_capacity = number(description, kIOPSMaxCapacityKey);
    const void* charging = CFDictionaryGetValue(description, CFSTR(kIOPSIsChargingKey));
    source.charging = charging != nullptr && CFEqual(charging, kCFBooleanTrue);
    const void* state = CFDictionaryGetValue(description, CFSTR(kIOPSPowerSourceStateKey));
    if (state != nullptr && CFGetTypeID(state) == CFStringGetTypeID()) {
      source.state = to_string(static_cast<CFStringRef>(state));
    }
    out.push_back(std::move(source));
  }
  return true;
}

}  // namespace host_exporter::platform::darwin
