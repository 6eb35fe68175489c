// === snippet: gtest expectations on codes ===
#include <gtest/gtest.h>
#include "image_source_native.h"

HWTEST_F(ImageSourceNdk2Test, OH_ImageSourceNative_Release001, TestSize.Level3)
{
    Image_ErrorCode ret = OH_ImageSourceNative_Release(nullptr);
    ASSERT_EQ(ret, IMAGE_BAD_PARAMETER);
    ASSERT_EQ(OH_PixelmapNative_Destroy(nullptr), 401);   //! E:401
    EXPECT_EQ(401, OH_ImageSourceNative_GetImageInfo(nullptr, 0, nullptr));   //! E:401
    EXPECT_NE(OH_ImagePackerNative_Release(nullptr), 7800301);   //! E:7800301
}
// === snippet: gtest on dimensions ===
HWTEST_F(ImageSourceNdk2Test, OH_ImageSourceInfo_GetWidth001, TestSize.Level3)
{
    uint32_t width = 0;
    OH_ImageSourceInfo_GetWidth(info, &width);
    ASSERT_EQ(width, 801);   //! N:801
    EXPECT_EQ(height, 500);   //! N:500
    EXPECT_EQ(byteCount, 160000);   //! N:160000
}
// === snippet: a typo in a test ===
HWTEST_F(ImagePackerNdkTest, OH_ImagePackerNative_Typo, TestSize.Level3)
{
    Image_ErrorCode ret = OH_ImagePackerNative_PackToData(nullptr, nullptr, nullptr, nullptr, nullptr);
    if (ret == 7600302) {   //! E:7600302
        return;
    }
    ASSERT_EQ(ret, 62980999);   //! E:62980999
}
