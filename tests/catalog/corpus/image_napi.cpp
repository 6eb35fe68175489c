// === snippet: NAPI glue throwing errors ===
#include "image_napi_utils.h"
#include "media_errors.h"

namespace OHOS::Media {
static const std::map<int32_t, std::set<uint32_t>> ETS_API_ERROR_CODE = {
    {CREATE_PICTURE_FROM_PARCEL, {62980096, 62980105, 62980115, 62980177}},   //! E:62980096 E:62980105 E:62980115 E:62980177
};

napi_value ImageSourceNapi::CreatePixelMapSync(napi_env env, napi_callback_info info)
{
    napi_value argValue[NUM_2] = {0};
    size_t argCount = NUM_2;
    if (argCount > 2) {
        ImageNapiUtils::ThrowExceptionError(env, 401, "Invalid args count");   //! E:401
        return nullptr;
    }
    if (!IsSupported()) {
        napi_throw_error(env, "801", "not supported");   //! E:801
        return nullptr;
    }
    napi_create_int32(env, 7700301, &result);   //! E:7700301
    return result;
}
// === snippet: NAPI numbers that are not codes ===
static napi_value Init(napi_env env, napi_value exports)
{
    napi_property_descriptor desc[] = {};
    uint8_t header[] = {0x47, 0x49, 0x46, 200, 201, 202};   //! N:200 N:201 N:202
    int32_t width = 801;   //! N:801
    int32_t height = 500;   //! N:500
    return exports;
}
} // namespace OHOS::Media
