// === snippet: internal error constants ===
namespace OHOS {
namespace Media {
constexpr int32_t BASE_MEDIA_ERR_OFFSET = 62980096;   //! E:62980096
const int32_t ERR_IMAGE_DATA_ABNORMAL = BASE_MEDIA_ERR_OFFSET + 5;
const int32_t ERR_RESOURCE_UNAVAILABLE = 501;   //! E:501
const int32_t COMMON_ERR_INVALID_PARAMETER = 401;   //! E:401
const int32_t ERR_MEDIA_UNSUPPORT_OPERATION = 7600201;   //! E:7600201
const int32_t ERR_IMAGE_INVALID_PARAM = 7600206;   //! E:7600206
const int32_t ERR_IMAGE_UNKNOWN_ERROR = 7600901;   //! E:7600901
const int32_t ERR_IMAGE_WRITE_PROPERTY_FAILED = 7700304;   //! E:7700304
const uint32_t SUCCESS = 0;
} // namespace Media
} // namespace OHOS
// === snippet: effect kit reuses the values ===
typedef enum {
    EFFECT_SUCCESS = 0,
    EFFECT_BAD_PARAMETER = 401,   //! E:401
    EFFECT_UNSUPPORTED_OPERATION = 7600201,   //! E:7600201
    EFFECT_UNKNOWN_ERROR = 7600901,   //! E:7600901
} EffectErrorCode;
// === snippet: unrelated service constants ===
constexpr int32_t BUNDLE_MGR_SERVICE_SYS_ABILITY_ID = 401;   //! N:401
constexpr int32_t MAX_BUFFER_SIZE = 1024;   //! N:1024
constexpr uint32_t TEST_FILE_MULTI_FRAME_GIF_HEIGHT = 202;   //! N:202
