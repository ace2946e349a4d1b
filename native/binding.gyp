# node-gyp build of the native BookEngine addon (native/build/Release/zvt_native.node); see docs/native.md.
{
  "targets": [
    {
      "target_name": "zvt_native",
      "sources": [
        "src/addon.cc",
        "src/book_engine.cc",
        "src/okx_checksum.cc",
        "src/price_side.cc"
      ],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")"],
      "defines": ["NAPI_VERSION=8", "NAPI_CPP_EXCEPTIONS", "NODE_ADDON_API_DISABLE_DEPRECATED"],
      "cflags!": ["-fno-exceptions"],
      "cflags_cc!": ["-fno-exceptions", "-std=gnu++17"],
      "cflags": ["-O3", "-fno-math-errno", "-fvisibility=hidden", "-fno-semantic-interposition", "-fno-plt"],
      "cflags_cc": ["-std=c++17", "-O3", "-fvisibility=hidden", "-fvisibility-inlines-hidden", "-fno-semantic-interposition", "-fexceptions", "-fno-math-errno", "-Wall", "-Wextra", "-Wno-unused-parameter"],
      "xcode_settings": {
        "GCC_ENABLE_CPP_EXCEPTIONS": "YES",
        "CLANG_CXX_LANGUAGE_STANDARD": "c++17",
        "GCC_OPTIMIZATION_LEVEL": "3"
      },
      "msvs_settings": { "VCCLCompilerTool": { "ExceptionHandling": 1 } }
    }
  ]
}
