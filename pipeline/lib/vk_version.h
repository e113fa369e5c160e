#ifndef VK_VERSION_H
#define VK_VERSION_H
#define VK_VERSION "0.1.0"
#endif
