// === snippet: NDK implementation returning codes ===
#include <multimedia/image_framework/image/pixelmap_native.h>
#include "image_common.h"

Image_ErrorCode OH_PixelmapNative_CreateEmptyPixelmap(OH_Pixelmap_InitializationOptions *options,
    OH_PixelmapNative **pixelmap)
{
    if (options == nullptr || pixelmap == nullptr) {
        return IMAGE_BAD_PARAMETER;
    }
    if (options->width > 8192) {   //! N:8192
        return 401;   //! E:401
    }
    if (!AllocMemory(options->width * options->height * 4)) {
        return 7600301;   //! E:7600301
    }
    return IMAGE_SUCCESS;
}
// === snippet: comparing an Image_ErrorCode variable ===
static int32_t Convert(OH_ImageSourceNative *source)
{
    Image_ErrorCode ret = OH_ImageSourceNative_CreatePixelmap(source, nullptr, nullptr);
    if (ret == 7700101) {   //! E:7700101
        return -1;
    }
    if (ret != 401) {   //! E:401
        return 0;
    }
    uint32_t errorCode = IMAGE_BASE + IMAGE_BASE_19;
    return 1;
}
// === snippet: a helper returning sizes ===
static int32_t GetBytesPerLine(int32_t width)
{
    if (width > 4096) {   //! N:4096
        return 401;   //! N:401
    }
    return width * 4;
}
// === snippet: separators and suffixes ===
static const uint32_t CODE_A = 7'700'201;   //! E:7700201
static const uint32_t CODE_B = 62980115u;   //! E:62980115
static const int64_t STAMP = 1700000000000LL;   //! N:1700000000000
