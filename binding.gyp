# cg's optional native kernels (src/native/addon.cc on OpenBLAS). Built by
# scripts/native/build.mjs (npm install / npm run build:native), which passes a local
# --nodedir so node-gyp never downloads headers. The CUDA addon is not built here: see
# scripts/native/build-cuda.mjs (CG_CUDA=1).
{
  'targets': [
    {
      'target_name': 'cg_native',
      'sources': ['src/native/addon.cc', 'src/native/elementwise.cc'],
      'include_dirs': [
        "<!(node -p \"require('node-addon-api').include_dir\")",
        '<!@(node scripts/native/blas-config.mjs --include-dirs)',
      ],
      'libraries': ['<!@(node scripts/native/blas-config.mjs --libs)'],
      'defines': ['NAPI_VERSION=8', 'NAPI_CPP_EXCEPTIONS', 'NODE_ADDON_API_DISABLE_DEPRECATED'],
      'cflags!': ['-fno-exceptions'],
      'cflags_cc!': ['-fno-exceptions'],
      # -O3: the elementwise loops vectorise; -fno-math-errno: sqrt in Adam's loop too.
      'cflags_cc': ['-std=c++17', '-O3', '-fno-math-errno', '-Wall', '-Wextra'],
      'ldflags': ['-pthread'],
      'xcode_settings': {
        'GCC_ENABLE_CPP_EXCEPTIONS': 'YES',
        'CLANG_CXX_LANGUAGE_STANDARD': 'c++17',
        'MACOSX_DEPLOYMENT_TARGET': '11.0',
      },
      'msvs_settings': {'VCCLCompilerTool': {'ExceptionHandling': 1}},
    },
  ],
}
