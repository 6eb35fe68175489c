// === snippet: NDK Image_ErrorCode enum ===
#ifndef INTERFACES_KITS_NATIVE_INCLUDE_IMAGE_IMAGE_COMMON_H_
#define INTERFACES_KITS_NATIVE_INCLUDE_IMAGE_IMAGE_COMMON_H_
#include <stdint.h>

typedef enum {
    /** operation success */
    IMAGE_SUCCESS = 0,
    /** invalid parameter */
    IMAGE_BAD_PARAMETER = 401,   //! E:401
    /** unsupported mime type */
    IMAGE_UNSUPPORTED_MIME_TYPE = 7600101,   //! E:7600101
    /** too large data or image */
    IMAGE_TOO_LARGE = 7600103,   //! E:7600103
    IMAGE_DMA_NOT_EXIST = 7600173,   //! E:7600173
    IMAGE_UNSUPPORTED_OPERATION = 7600201,   //! E:7600201
    IMAGE_ALLOC_FAILED = 7600301,   //! E:7600301
    IMAGE_PERMISSIONS_FAILED = 202,   //! E:202
    IMAGE_SOURCE_UNSUPPORTED_ALLOCATOR_TYPE = 7700201,   //! E:7700201
    IMAGE_DECODE_FAILED = 7700301,   //! E:7700301
    IMAGE_ENCODE_FAILED = 7800301,   //! E:7800301
} Image_ErrorCode;
// === snippet: legacy result base ===
#define IMAGE_RESULT_BASE 62980096   //! E:62980096
enum {
    IMAGE_RESULT_SUCCESS = 0,
    IMAGE_RESULT_BAD_PARAMETER = -1,
    IMAGE_RESULT_ERR_IPC = IMAGE_RESULT_BASE + 1,
    IMAGE_RESULT_INVALID_PARAMETER = IMAGE_RESULT_BASE + 19,
};
// === snippet: image format constants (not codes) ===
#define IMAGE_MAX_WIDTH 8192   //! N:8192
#define IMAGE_DEFAULT_DENSITY 160   //! N:160
static const int32_t DEFAULT_QUALITY = 100;   //! N:100
static constexpr uint32_t MAX_EXIF_SIZE = 65536;   //! N:65536
#endif
