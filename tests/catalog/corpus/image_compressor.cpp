// === snippet: lookup tables of numbers ===
static const uint8_t GAMMA_TABLE[] = {
    198, 199, 200, 201, 202, 203,   //! N:198 N:199 N:200 N:201 N:202 N:203
    401, 402, 403, 501, 801,   //! N:401 N:402 N:403 N:501 N:801
};
static const float WEIGHTS[] = {0.299f, 0.587f, 0.114f};
// === snippet: shader sources in raw strings ===
static const char *SHADER = R"(
    #version 320 es
    uniform float weights[401];
    void main() { gl_FragColor = vec4(0.202); }
)";
static const int32_t MAX_TEXTURE = 4096;   //! N:4096
// === snippet: preprocessor conditions ===
#if defined(API_VERSION) && API_VERSION >= 12
#define USE_DMA 1
#endif
#define BLOCK_SIZE 256   //! N:256
#define ERR_COMPRESS_FAILED 62980112   //! E:62980112
#define ERR_COMPRESS_BAD_ARG 401   //! E:401
