#include <multimedia/image_framework/image/image_common.h>
#include <multimedia/image_framework/image/image_source_native.h>

// 内存不足时重试 — retry once when memory runs out
Image_ErrorCode DecodeOnce(OH_ImageSourceNative *source, OH_PixelmapNative **out)
{
    OH_DecodingOptions *opts = nullptr;
    Image_ErrorCode ret = OH_DecodingOptions_Create(&opts);
    if (ret != IMAGE_SUCCESS) {
        return ret;
    }
    ret = OH_ImageSourceNative_CreatePixelmap(source, opts, out);
    if (ret == 7600301) {
        ret = OH_ImageSourceNative_CreatePixelmap(source, opts, out);
    }
    OH_DecodingOptions_Release(opts);
    if (ret == 7700310) {
        return IMAGE_DECODE_FAILED;
    }
    return ret;
}
