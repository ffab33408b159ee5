/*
 * SRP test vectors from the reference client amazon-cognito-identity-js@6.3.21.
 * Generated; do not edit. Regenerate (needs node and npm) with:
 *     tests/reference/gen_srp_vectors.sh
 * which runs tests/reference/srp_vectors.js (its header comment says how each
 * vector is made) and tests/reference/vectors_to_header.js.
 * Hex fields a_hex, A_hex, salt_hex, srp_b_hex are as sent on the wire
 * (minimal BigInteger hex); k/u/x/S_hex are padHex; epoch is the time_t of
 * timestamp.
 */
#ifndef PCG_TEST_SRP_VECTORS_H
#define PCG_TEST_SRP_VECTORS_H

struct srp_vector {
    const char *name;
    const char *pool_name;
    const char *user_id;
    const char *password;
    const char *a_hex;
    const char *A_hex;
    const char *salt_hex;
    const char *srp_b_hex;
    const char *secret_block_b64;
    const char *timestamp;
    const char *k_hex;
    const char *u_hex;
    const char *x_hex;
    const char *S_hex;
    const char *hkdf_hex;
    const char *signature_b64;
    long long epoch;
};

static const struct srp_vector srp_vectors[] = {
    {
        .name = "padded_00",
        .pool_name = "AbC123xyz",
        .user_id = "alice",
        .password = "correct horse battery staple",
        .a_hex = "ca8ec458bec4503e53b8b147eaa26589f305d940bb5de53fbcd85421b883d7dbb9fbb1d7"
            "12371f29dde2c35085a71e0368cfbcd30583c28eb0bd57174c43dbf8aa8b8502d31da596"
            "0e5880903398cef01505e01a81abe9ad4af229f69075f948471ff2c520d4c4c78ec7b830"
            "58513207730becf7f398de2d58083808ad1f9566",
        .A_hex = "c7838563c661b7d585627d03b8defa4f8e37694a561803d3ec87323047662164da7878d1"
            "5175d85a25d0e930361baebfbc4fe6799f8968f6ea39f10979f4445144c8cce678a79e4c"
            "b3e82430812d42b5734c8c844e20e64ff20214e83995c4ca9d9dbbbe20ee81d019cc7296"
            "f1c08684ae1beaed41f93a982f97de72a80e1168e4145c5c8dc0fc114a41e7b0abe8f00f"
            "de8cc2220cda734e40622fec4a6debc268052163713d15d4ac34392cf726514255a12cb1"
            "e9f40730fb6eb1b18ba954fcc672676ddef71400faf07d72d1dba095149799c2e3f060d1"
            "c266246baa899aefdc647d27e25f9ba7c95bfab81c9fc8afdad3a659ebb004165bf9a139"
            "a21f1cc27833ff90ab39b244efbd9beabd73ab928beeb0aed0094a3ed8000f75602b9cfc"
            "91dffa14669079e77a8d8145eebbc8349fd99ab8595a4c5cb1124489ed5b8f27fc081c6f"
            "8789a915576893403d3d1cca01f477436cf761db74afb9831a9fc769ffac8f0bdb5c381a"
            "8c51dda5275e97c79b7817201cf3f477b52cdc180863f305",
        .salt_hex = "d551e51c5d127d418813a01c6d223976",
        .srp_b_hex = "b7901ba9df36ad22a6baec9284f3cd3a0ada04805d7a8dd109645c8ce1b5a62ca37680e3"
            "c0667991fb8cb0e049c75ca5e15b4385770b50d8c8929a10c17192385b5d15e3eda8a8c9"
            "80356009f16c50e2c090a31fea36cfeb6db6c90ed7e44b548831de3e316b76c0e2dedcc6"
            "84a81a67beae25463b0ac05e132b6ff8c7a466a9683f50b876958c7f18d0fbc1eb2da85d"
            "28414c0a9f9642bbebf79862480810a4aab922011e789c7e28ed5fb78c928c1cede5ba23"
            "02b1877804cd5e17cd9117140c45f4194a3b76c3eb7c15ab1db2b7907bd42803d074b98f"
            "b71286f8743f8b822cddeebf07f8551324e081b10e86477577394509c63ea0c234db54a0"
            "4b9ec47ef1a7ae3edc4cb4f2a4d698aa0cf9946e3693472d1c895fb32fcd3861fd047edd"
            "f0b36a408a17e585b92b0baf6fa56dac82ec359953222cea70963a06c301192394b707f0"
            "0c7bc719044c25c80e518e4d5afddc2f88165080c42696e26d6596c4d088cd9f11da1df7"
            "e44bbfc5ae2e817af6889b136cf5346172caf80638179d83",
        .secret_block_b64 = "Y2T+zqWejCPDElE2ZKl0OW1BGDYwcFo3sY4QQvUsnOz6K6GILmDjMDBRfUQkOKyHUEubaad7"
            "rv9kEVYCnlHydp4lTU1OUJcDn5IeYkOV1YGeadXxUFWuHA/Ri/xZ77rnu6tRb38FifamIsc3"
            "ZDp4lj2a6bEmfiNZXR8z0QnIS3M4qEzhZk8uYb0N77hJCjehEmp7iAY4eJNXC8uGWOP5Q0xc"
            "cUUy8Dc2Abm/Vg5RpKNMqklM6Rgz/NBI23TXc6cGDaaejFZayEYcnXjkIB6HKyjKcfkgFZgI"
            "MXjRwv1Jw5hasjVmBBvdnnOYtUcudSZqwN2Wm3+ezEtWY9wa5836V4F4QbcP5XvM7dv76mVk"
            "eYUUeN5/FyZIanU3ZZyDXENxvpfxh/AvE8KTTiVwr08aOqVwl7Mq8Q6rs2zqqX7m8r8jPn07"
            "PzwbU0EghgVovE4gc5PlNM7DQc6rS8v0vd/CcS9lzmyol66YF9EPQ94HyKwyXswspLIx5Izg"
            "yjMpdvVdWRghpTEo9Gq62NXQm2bXijNkVEAkvLsL/8/pgiDdgcEruscYJXY1exmPxMTedtur"
            "TInB76MX89KRWNMKl6ClVMzHcDvqeL8DtIzZ0poFQh7QAJxHGNCBR9BJeotHvbvMek7NO6MX"
            "953+aL5GpiuyjrIA+lkG7t0+IMQ3h2tqKkpbk3DRVsfTdUghzzRhtGae+dsnmRbuaWXwwZVh"
            "Leb2NP0RA20tV8lavUUYXv5V4cI2PlAggr3a7e/0UBPNraplj607DjjkaIKxFpVp9TwH3QwN"
            "hY9vRelAnNAOQP9KqZpdYAkAjRUzX6waTIAqC51SwTPG8lIc3t2RTDg/O/m7cWDVxBbHWlhG"
            "tUD/mJ9VjPo1VmUsx0JhF8eyLg2OmGvja7kKByuCDk+j/3aneJX4XkjKTflCAjxFUzX5B0JM"
            "S2IEoTRQ/soqNmi1ZO4fuu9X+YyLUzGYNPBNW+LutWDM1tQoyH9Pw6qmNOp35WTsfUQEhXkG"
            "hBdLVqQAGN13B3/NkV7sjKqrPvbQo8+XONiXe4aIe0459XFSxQOjC+YKN+x2igbGrqH3Ejfp"
            "PtjuN8u96JxR5JFOdQDjW7ZuafE8v2HanqQlBddp2Kj6qOSXQp09BeDfDaB48xPmt1TvCGF7"
            "HClMYoOxUVg93txZFnPKdf41dS88iI5FPzUay4gMqeHDWYGfJPrwe3X4ZdhhxBDxRWz+9xzZ"
            "1OmglIP4ccHSe/7Z+j+z/0Zdurst4ettiLRU8Ktbqn/5w3n+HCdPxuZjPfCNjiqrJQmDjaa4"
            "nNq38EhVj7CWlpbJM5Hg/oZpdXa0HBP6cU7J9ml76MZTRSQt9ZijAx+K+rMKBg4h0HX9PHMQ"
            "HgI9WJotn8JwBd1y5XW904YUoqLwGLCA3PxVL5zB6VbVYDvwxYF9jRtUyqDbobLI+rHG08ZL"
            "1UYFJXomOQcRrrWZnU7yB5AfDlNf7m65hDne6pcaDBberZnpswTqDPyAS2+NFoMyAZgvB0ar"
            "DQF5ePZRoBW3eOEhPFNi3bCZX25FmL4LDlOuDUzkCUV2HQoJef49A1OVLbY8tQKP25mpiO7z"
            "qsj3UQ8qJ8RE08om",
        .timestamp = "Wed Apr 5 22:42:34 UTC 2017",
        .k_hex = "538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6",
        .u_hex = "0081ae727c437418f3b54e39b9c77eeec6fa44248ced6d3bd75df254827cca2c12",
        .x_hex = "008a159adda449eb19660c77912d653ea8ba37f94164b7679a53c690a183779142",
        .S_hex = "00f7c5499c82421fc667d391b80873b4645a03ef0316c894cc0e677561d6dc029a17e129"
            "2b795fbd1ce7ca867b87ee1ac1422cb18c90c010f2ff739037f7f86fbde66f5063df3a4f"
            "5721580096490e5e8a4a68a5bfa7b8d4f2158b63b41a669ee9f64004fa34ff296fcbf01a"
            "464215fd05ca0c4ca9f2f1e798f1882f8c6c8948caae1388f61a9086dc20d5a36c4f7188"
            "a21060e050e8c071a38034eaefa5adb83a6e480a8840f0a5f68c236d5ab5028614fe89ac"
            "8350c048284039c5dd7089ad6bff7a22faaf6e5b0fed6ba49e3273e6dd472ab99e102a5e"
            "8f057052029ae8138dc1da8d4bab361eebab8b2ec6cb017d6a4afca5da05c3ad39d4534e"
            "2a191b2d6e3b7f2a3942a4ff1c874c5891a51190fe2fea6a4b62024dc8aea772a1ce3536"
            "a1537d49bb1cdbf99636fb6f23a9b24aa73481861284aa8a934f22b6f7f5b7971eabb10b"
            "a0fa213d61cc0d6f09a39600b9c585c437bb9feb3501ad3c95f95d62731b6bb3c9d7ef09"
            "126145bc16bdc3bbaffa962fa31194cd2cb7b597ea77b48392",
        .hkdf_hex = "e7fb7fc48296cad5971f1c55f6ac4663",
        .signature_b64 = "iuny9FfORvxrIs/U1ueZrcSPUQdhBR5ozadI42Gc+yM=",
        .epoch = 1491432154LL,
    },
    {
        .name = "unpadded_odd_hex",
        .pool_name = "Zz9yX8wV7",
        .user_id = "bob",
        .password = "Tr0ub4dor&3",
        .a_hex = "418a59c4b9c24d7afa38898122fea8b52d23e2f395222b557880237747c122043951ec37"
            "7c2f66ef3edd01c33a9cae381d962fe68c509c94e22ca8e8e963db4bbcbc4399389c52e5"
            "51d40a0dd2b426a610315c204b505f9b0d2b82bf83b527fed8036bd8a5ac3874da7f12c7"
            "07923d524290d4616cd0600fdd4a920d0930b1f9",
        .A_hex = "6688c41afa45c6a7f91dea082ca90bb676a9142ff445a05e166215f67635aa93db028ad6"
            "0564b27cf4df851c7f73b4c0f60201e0bcc816273f3574515c138f91e94ee04789c27a65"
            "8fdd8edcd0a1c02e0a35e1167607c4415f5f414dde768f6fdc4f696be3e89c0213db5d9a"
            "dce338d536b231b3088397060dc409d597e97ca3e63fe50b478cf6fd6f16b3da00c10ac3"
            "8d3c6b2065d77d8f05e67f58dabdba88b31202f81bf5d476a833475bc579b7114cff1b40"
            "8905e915c8276ee1b2017f55514ae5c7159eaac7399f5a60240dac473185b22dd966922e"
            "5f4d0a05efd7dce089b1eea9222e192b7ebbd8aa3862bb010b4094de0b4113f0ceea1271"
            "b091e67e41161c770ae86ca101e6b2107ea8aa667b9a20b5c904662018628278067bea4d"
            "2b8e2d6b0544930c4219e37f5b1199fcbc62276a1b5c1639fef0492045667b9bd7269693"
            "248facdcfba39d2aa78c62edd0840f7376a57697098caad16abdff7cd2400a464db4abd2"
            "ff55322f4514160467796c96a203f7e2fae1fd743db1b9fc",
        .salt_hex = "d92c7ecfa520568a9147f26eefa7b8c",
        .srp_b_hex = "2e626ec72b93bcfc91b137f7fbe5f8ae2efb5074c19ad611ed7bc5e98762ee08c10f0d01"
            "653f505379bc8636f61fcd493497bb3592837c1f9f55869d942caf0cb4b6d25dd89e68d0"
            "dfc1b6b8c642c1ac2cc66968ebfaf120a81a393a5dca6a070b20604700dfd5ab69e126e6"
            "85732f9b3f22583252ba4de7db6776f5fbc76a099536a6c535737deb1dd298c5929b7033"
            "5f5e52f6d179be4b9bd4d02c5aade98bb60601ada1bbc2d019ffb9dcb413b5c698921f2e"
            "66c804b9aa961e260b1ddfffe7983ec10b733223a35a9b1eb056b7715bc09c0b507b1b66"
            "4750e07665a2cf8e0f4a3c6e87cacda6d62c1b6f6ebcc8644fad3249b8a8c8a4729a11f4"
            "881a35a4b74c8fdf43fdbc0c8ef55c0a27d46ae55ccf34d94678ae920243885fa8b2afa2"
            "acf1ada2aa90fafc51ae04a71768992e0c7d99583179a29fba1440d6c327e183631de1f1"
            "4e15b5347318f6e438742c5cff5b0961dbd6fff63f1014b902ef3a55ea820d608eb2e21f"
            "052dd3066f795a9cd68281ae8cd7531f0af4ea54fea7994",
        .secret_block_b64 = "zP1zBHDIZcPg9ghwiFdvy0o2ni317/enNNV+mrLhNAaXx1KJXw4VIB4EMqSnw/oREFW/xZp8"
            "dSYAb5U+yzxck/mLxDJb53F9SrJnkCWZderZK/d81qZTSGKCH6MF7oS1E9znqRkk3u3ANIm1"
            "7OxPDfAwJ6mafZuzHsifZwHozbKkoXHxXKXYMerI3MEAb6WsfpMMrPP2vKeeNVY2owOhTNf0"
            "znTbcR5wNboXsdXE6WaPF8Z1OGHdTXXgXoxd4NCrc4Ktie2yiXNAeFqxAerGoKE0YQuWQuWW"
            "SJYE3WSLAXHROIve+sxr86mb5goQi6Mbcj9JrI9ToU6NSV5lrBwC9Sa2wciTOoL0UZKjWD5H"
            "JfHIufe5NHvH0MvvOkK3cEe/cgnN7RY/6l1gtZwX3AATfcjRVzPpBWWinBGXGW4HwnLqeLIh"
            "w6X/J6fCAdC7oqysIfaIvHQ/nriO/TiRbbcn1giu/3E23OvH6KxgpWsBdHg2CuE8p4U7C3nG"
            "fC4Z0lDhxrqi05ptI9R+dEzRh60Oid1e6SCTFUL2eVYMD4clP7hS+gx/g2baj88JzNx0yAfq"
            "zJYZHKx793o2duE+nEOvDPlUor0wInA2HzPUjYuRIbzx/lSoprFBZ3TD2jtK63somp1Q2S2h"
            "XeLlrrhjo07nidUnRfkww1QSDHf5UsH+EVnV/F+dmPYWgT2Jf1ZmZeYAjQP/oUQTouDJsxSW"
            "4Kog01t8wFeBQG+aAIW/u6hUIuLZGOAmRPxxyl9yWLLFREQAw51OIQx8+d35t+LXmjhSfnNj"
            "e2Gz3tSzineurgI1migzUt0D3K82YDNq6pXqKGqeQdx7cRUMS77xrXlBJG5yoUiZK419nRd1"
            "m6XMz/MoJv6G8LZ3gZUZCLwbfFscTEVX+0lu4uIoB2F2SM0qwqgufKVrDyf/ogZO8jZajC3e"
            "GcRyiGpM850bBS6uddywGfdkKBE9sRevumFvDQ+awBXGCraxJDKuGmO7uFXJ1bEvNBJm7Xw6"
            "nd6cOazn/YuAPlojVvBd06yp8hP8afmUD675vTImEIOfZD7mQ3SMnXf6oTqbxpjd6SxESJxW"
            "A2AxSccH8jRa/JeIDaRmSi49LFkzYUgLqNz/bgTFpr5RYFC6IrcgXYBUHeuC3HhPkS2d82Qg"
            "eslyaNHhu3cAFWpuorIuMNEf0UpnjeeRBcXUo5it6iip+kGcvEBkMS9UmKb7JTA2nOguJ970"
            "F6XNzSefEGB16hqcbhiLTpAyF0Xl0SQyzveTEYa5LisF9m/w2JB84cjTB80iYZuk0LfyJiVD"
            "fwIJkb6Z7NWDxYF6ypheylfMDacjSNvMexE6eTcWVq1FJOr6B9m6ZU/Yin7Rq+ndAq1yMtzp"
            "mFQmFHNq0uZYwsVSGhkdQulxaQPFYcfVDF2y6nSgGZ6yCquFBdJtZxZHg4vxms0pIcX/7+h3"
            "CR43D/5l0lNIsPEo6tJOjZNi7JsNsFQy6KwXWs0APSYdJf8qto3qws4N1pIPD5Yz7wpPN6wJ"
            "nlXPP8x6Hd0LUe4YWSTc9J54sW3u6JCzB24dxs2X7zk+ulvO3aDCJvjvgj4Fc++kZcqr3rQG"
            "bhbYsvBa4QJce9HNpw==",
        .timestamp = "Tue Nov 14 22:13:20 UTC 2023",
        .k_hex = "538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6",
        .u_hex = "3c79d601f334f395ece1ecf5e42360a8ae1ef0a80c4d85c9eff6fe85e976b36c",
        .x_hex = "548b8b4e519e16930f0f19ddf9086633fde57dc40e4d2d69046c886cea8a0250",
        .S_hex = "48cf0a9e8620d82e8ce709775596d48214af21cb936417e664c19e70e8e2f6cdb9a08989"
            "eff13c7df4c9724037464ff41b73e9effad6cb6a4c969fbb302cda4b90d74db9b2e8de71"
            "56b9b132a21c46007df4afd02a8f662e4b611d5026ab6c9eeda5e78b96d02fbd4c50df6c"
            "1c99cd358c034fe01f93a5879a1d1804da86391ba01b0c5f60d5dd0e8ddd7007141e0697"
            "1ecca3907f447975c66fa8cc8937730448778ec7aa714830bb218f46511d41e56cd05250"
            "6aa5b84471988bac0005c6670cd05052a6b4f6a30728217fb6b1b5d0ece973d1f1551570"
            "083b100965fd845e508e90a885ca20407ce7f3c8aa96bfcbc26a123c2da10a41ee9d9553"
            "dcef38d203f83bca55f2f03e5efa5ca52b8d480915ad60cfb4261cb7274c90df7d7d2007"
            "5e6ed0764d067ebdb3bbd6292b346c52c194ae2ad596bab533f70615d6bc5465bfbcb8a2"
            "8208f5fb011239dc81fb76001fc007d5b7764c0728c6794ab4560cf14813bf0c85d6dc7e"
            "53d20cba4929b1fa5816c32edaeeae04148691f04359fda7",
        .hkdf_hex = "f482df1c8b8288c846bac5d07ec1b341",
        .signature_b64 = "QGW8ClVqkG/p2u6Zn48jjauCTufURRMhL9uACuyKOes=",
        .epoch = 1700000000LL,
    },
    {
        .name = "uuid_user_id_alias",
        .pool_name = "QwErTy123",
        .user_id = "5b1e0c2a-7f4d-4c3b-9a8e-2d6f1e0b9c47",
        .password = "P@ssw0rd-for-carol",
        .a_hex = "333e5fbb8411993cc8ab301cbcabcc02813ed48dea3f8d8a25f657db9f4a8b673a4a9f48"
            "6c779c25235eec51cdc02f3cabe12035b997134f5897ca81c53808850f0b4ef049265ef3"
            "41443c097da5feefcc48b0089a58e18137332bfd9b5a09481151b62d23bfee6003e5f170"
            "f57f854e1e5a2369f33e819429619200d203927a",
        .A_hex = "91baf333781df167d9712ecf1531fdb4cc7dca099ff602c41d8fd59230df4230d53e3d11"
            "6c3eb4f960aad156d2df9acee86b516dae8b3867f91316829631ab535d48826a3ac1768f"
            "16cb719d48cd58ef7d97273fbc1b30203f438f2692770c5ef66c857fe383c7389ed80872"
            "e1b98fcaa8b18ade33d0dd30fb5bcfecb8e7559eafc81c91530c20c33effc3d70fcd3a57"
            "010e093383c963a0e108226fbec6bf9f9fd6973142ea2d1b47d29c019264c2b294dd8224"
            "5bbae1892df80fe3a5f8459df98fde7146731b748201e7cdb4a7b535c774336e7f192785"
            "8cebde09aff4e5a557f549ab050e9af35a9cf35872eb4e7ecf67ddadb875fd5de6dfa8e9"
            "4c90fcf4efa79c636fcc83804248964ff630c4650c20758ad28d665db799eeb27d96b6fc"
            "026e7daacc38a215476b6b9d3bbe43a1adec719c65b2a3a4e54ba474e04d7108d8bf3a8c"
            "958cead4f3495a68c5d0b0c4e86d94bc1d88452ad4541f734eea4675d25d0bbe767ef8bd"
            "73c589e6344bf0af2bdcf132a89dc821c72481e868f85a8e",
        .salt_hex = "55AA0B427229C12BAE0FAFB88B94EEE6",
        .srp_b_hex = "1a135fdb6c549792024d636c448bb9b731190e534df34bb22af9c8570a54d4f1e085318a"
            "f7e446af750d9488d9d1e7fd8ea180f087ec4e4840842b4eab0caa80514d025c0ea31470"
            "21aff1d718112025afb4b776ae28e55fcf602e6923a9e77c97a86792e2b346911b0b01ea"
            "d7d9b5882897ad901eb4ce4a1a1f9127fa16106ceb7d7f26af1545f4de05ba1d362850db"
            "f565a8065afb06c5bce732300fabf088502a0816dddefe30b276a51ffcf33265ea05c597"
            "7e27c7672fe96cd15553e3f7b04f8c0730cdb1566c12afed0b8f799f0723c56b8094fa1e"
            "c1765c69a36399b468d13141627861e82f7b3e8fae3ae8f2df7659ddac7bfbcd41bc8f27"
            "d6254259140d65890a8bf08eb18cfe8f0dc64e0068a75117930d30872e496827baf3ecdd"
            "3625397f0d109bbc1fe8ddf7cee40482fbd5391c41a9026235298ad05c22801910716eec"
            "f2a443c3fd90d42485e9acf8dbc3335e2fc05b73ac9db8824ac53c2eaf45cb9b5a9318b9"
            "0028afc0e2a6b148ee4b4b175d69c070d006f3cb4de8d210",
        .secret_block_b64 = "CDmaD+BIp1O3g12etjUn2C5cT+hZCXzifCrjyxuz4+iNB6BvTQE1DCYsOceYjPtPJ/gJYR04"
            "/UcgCdxdd96L4vNUJImeVOvBWUyatkBI3n1DqEDr1XO8f5IrCH8UIPijPOMtCxCvs6L5LOd0"
            "J6eP0MZWv2x+msCs3bXvOsQeg7DOk5RQjL0EbODF1pFmH0tSPwu3VFV6GX78MvJJOqBZH3rh"
            "XaeXgH77KXgOf8cPyE4ZyIdz1dldeyUvBlxgJrLsmIzOYi09hV+H6hGfQEr6jVGLIrqRWANy"
            "RpTBbhQ7iceILoPAn5uWty66UU8G4AT2qJ6sMHj0CuQ0uBOnqpFhhd9NxUgndf9I4WjqZRuz"
            "KN9k5CCGr3OroTPTHaBz3FiOYmarhJn9XWUx0khwNdexSMgbtg74nDVGQcWq+97jo658iM+U"
            "xHnG1dqGdPzWdftSs1F8SmYuQN13driml2hilBLDiz3gk1mryuQ+rzpCxBqd987jqWW2PTpa"
            "n0gyBIrZ1fThAn0SIF0aZroixdJQkOlRJo3yxGKMerkXX/Gr5d3qDXufJvZ6wXHhWH4XUcQ1"
            "tmgHLfVgGP7qAL+Z8xL72gcHfuA7sNYy0xjnRxZFSuGWsRbCB5NX1zfDi8HsO6d96Oi98kd/"
            "w11wPzFbyHRD1mQMNZQchZxeEwvRjtWlUuvYt/UN32eW1xuZWljR+umhLkd4izzn3YM2b474"
            "V9BGUOTS0iRZEy+/cv2U4XPOFMmF/vUw0O6vuLtcfcTDfXZiBQ++ickkFVp76wSjziKJydQN"
            "TLpqEH6+T6+Z9YtnlviB49PwLLkk1YuUA/uvvjxN5NVqagcd9eA7iXT3RHb6TAEAjtlOOAze"
            "d7lwT/a0Iieu9B2p3FcXhLZwMmYeAl1Pb1/O4uycsWheh5oICGIA8o+tSOaQKNRT+GXgI3YB"
            "3gt7RBQT118mg+IVA8XX37g0QO7u2zGbZM8lmoFyyIMDtAqkHkw73pvwLypoxIVlUqIvXjXy"
            "ZY0HcNpkRqJUQRl5ImFQdEwMDO4qD3AN+2nGFMHIpTS0j7ueXDgdR+O7+2iUdjbBA8VYpWHN"
            "ZNBwqShmavRD+yxXzZsiGG2J+bj7Dkm86ABZHrex0dNfEIMTV/NF5Hx7NbHSq9XYtiCvCb6S"
            "zTKwquf6sfQSQ8v9ukJIw6fg2oI/GbTE9htQiZMcK1tUuaPq/6jotkZ8zag7NmpQZFPdf7O0"
            "vlWZDZ3C3/4F+iUF6x0xRb86kl13wTcHwWtSCAI94Ze/c2FEI5Wgg+OQyqCgeIWb6FX1g4ZA"
            "3SoLhBTtW9hrvcvL1fmE3gkNAvjK3PCsMSRIXoZD/g0bhUVsb6of4KhvPmKrOANvBk+Chzfe"
            "RZKUqFXHar+wR6z5ABS/dKB5p15emy3jAejGhjtgNikbgdUKGm+M2vngqiZBWHTpH9lSM9ng"
            "cvWIy0bYdBiu4zerCMcr8JA6jpLBdt/ymDgeTsvnjww0sxBfgqo2jPMhsJv2x+XKYhCiaQ5g"
            "SuQmVr5afswhAOlK7XeH6XbdyMKv0aw/Yxy5KaaVZyCGn2dqKYtKiMRa++Wjx3cvluTjgidw"
            "lD3KXRCSyUXlC3S3WRw=",
        .timestamp = "Thu Feb 10 01:01:01 UTC 2039",
        .k_hex = "538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6",
        .u_hex = "31b71024231a89445fcc6a22bedee8945a0f07f6908c3968714f784e06faeaeb",
        .x_hex = "02b19852bdc738d869a698e9d01dafe73caaac4d6776396c23fc981cd45ec4fe",
        .S_hex = "4d56ff20088ce8d30f5500500aa1cc7be1c0eb0c827e2c443474dec9a8f66f6470b200a3"
            "e38f3705f6a30213a3dc635f6a6d219cfb03c056e5e86e91d1de62015622344e121ae656"
            "a21678161c5d8af97978e0ec4eb68ce631dd8a3721a4d20f42ab64615a57bb29adbf2242"
            "075fb18bdd1d8ddbeaeb864830d413b6e73a974b23cf0f0f36d4532f64bbabf7bab2ff06"
            "b5d91e3d1685807f3672949377bd32a5f10dd3d62231ca60b56ef47a6b41594559d1ccff"
            "483c6256d96469a083f0c34c46e79c37b3c83a4f5c469dc823ceefe23dd554394edde6f1"
            "21bf8b868421adf94b6729e15d87887170f08606844cac32de9ca1c7f97696ebd52f3fe7"
            "aea6118987276d72612ad50288ae2db3f6f5ad1d2d7edf838616f693fa53c794b341e72e"
            "45f9c990f56fa503cbfb53db889836f3b8f505b4c7b8ff8a971d437bdc3da6298c0426a9"
            "a2dc5a954c1e8e7b476dfad49ff89e44b09fbc9c79d16ab6363a8797d48573495b7fa61e"
            "a6b00d593438f0f01d7bb6e00c46eebda26cb7f3d5ffc393",
        .hkdf_hex = "a9f0fe92d3387d0ddbcf9fd6c7ac9be2",
        .signature_b64 = "OO6J2sc4cMYQ+X+mz98xzFmbbAZutFfsIU8LHg/+h1k=",
        .epoch = 2180912461LL,
    },
    {
        .name = "unicode_password",
        .pool_name = "UniC0de42",
        .user_id = "d\303\266rte",
        .password = "p\303\244ssw\303\266rd-\346\227\245\346\234\254\350\252\236-\360\237\224"
            "\221",
        .a_hex = "c868b1ddc4ec2a290e94c469452d469af0a7f827db463948854546a78bb09bee10647291"
            "ffc7cd020473f6bbc2c7f5bd656199abb41e1969ea914968701a24e03d7b07db0755fd5c"
            "95991872b098d849ede860b6df28e7cfd39adf6a0544549a6e8051a0160a9976df285115"
            "0c212e11d48677288d3153fd14221dc2420a35cf",
        .A_hex = "e3a201680e36c85b3daed7069bcc8e68cdee0c95ec9d51859b9ee9c84e3825cee749110d"
            "22166fbe6781607ae5e14d280fe3014e8fb39f8144845986a0abcb052d4624895ec5935e"
            "efd986e2cb5c900aa6eb8f554f3bdcb1461f7bfa3ada9dc17efb6919e10eabbe7e1e481f"
            "ddf522fa42247135ffebe0274569cacef486459666bcdea7e2ff68e7278c2028869c0d69"
            "b1451e469aacd3724e57b9ace5b38c0dc6933ad44edfb3250df4fd3f0c4b55d87cb29792"
            "3b3b0c58a65d3403a6b64f0a7c1f0c7edbd392263342ebc1efe490ffd72fd521b2cb2276"
            "6e183861e983cc1441010c8c02ec2ba7c4d99db9500cfbe89c3e88cba09f29f6fb84ec18"
            "58ecab5ceee181c9c28d21b55baa0b1e2744b265bc66178a4bf6c05550227fd45ad61877"
            "2a7faefc3efd4e9f2dcdea7312240e9ea0adb2ec7e28c29b5ce6858f37df6d48e7f68d09"
            "d22128eef0c8ffec130066b52e0375200f4a80ae4dfadc61545716da9f7106e824c4f7a1"
            "da32d39536a4d3721161912ca762e63c3039f108344df34d",
        .salt_hex = "ad4f7f73835b8af6f76651bb5ad38f0e",
        .srp_b_hex = "496b0d8f06d426068d314304df0bace986fd569a7a2e853b0b6b0020b4e2b4b06655d573"
            "23a2ff988c0e07be97b07d53bc084369ef7ef5e3c0f6c7a6b4302b6153bb697a1c9c733b"
            "c969b2470a6504cac9f34eb9752373d09d324d3aa6ecea65b393305fd415a2f2cfbf068b"
            "10aab5f46750c506e9539ced26ea9f3d9d177f5835517c39ac521df245c1fb8364abff0e"
            "c3594baee0a59726c26de5268d9afcae137c000d3643137b3cfebddbfcd0eaaa5746dd3b"
            "ab69b61dcb134dc3a4162b1d643268819e8af3f9be30632bc9c56d6b25fbfb38d21a1808"
            "773214351ed28089279cffb45798b5cea7ae2a3afe1ace406256e3ca815f15e41f5df008"
            "fc71a7a4d66e875e9565ece609fbb21db91676037fd3310af9e56b34e66fb73bbcfeccc1"
            "e4cbbb0053efeee8037a86b3cc2784cc437cb680fcaa429ef787500f10561bf01baaa822"
            "6aeeec7d2473d4fc5ce39545cce1093c8763a5dc8f9ff109fbd42e57a9cf8792c4fcb866"
            "aa086d35f5479b96ebcb73347b7363cb8b2adecc8f91a43b",
        .secret_block_b64 = "IatBgKQUiW3kMiywInP0JwyJNkUqal+b4bnVO38HnlhELZ7aTt1jmGJN5PVUgWZ/zrdH/Mxk"
            "08mwuMMKp/1qTg==",
        .timestamp = "Tue Feb 29 12:00:59 UTC 2000",
        .k_hex = "538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6",
        .u_hex = "0e274315bcabbf15c41c3242b89edd44a54a53e1979956dfac37ff752a5ce7c4",
        .x_hex = "34e109187d91c5b9fcd51038144b94ad64e69c3a929e560c6896436d8e02d210",
        .S_hex = "0082ca5b7d092b3df4835eb0fafdf6eea6537e5aa8f398f3445206092145becdbe84c611"
            "e2fbea6dc37c3a950502f49c117803bddb0533d30896f4bab38b637f007e53e9b7b53215"
            "a36b3d4ed5c44d7fcfb3449ed33200166a512c43a041ea60526e055d900ce854ec478822"
            "f77e7ebaabf66033b59d9ed3c07b8046471296ea18001e41e0cde2bedbd26d2f3bb5c980"
            "d26d78adf62e4161658a9c386b68a8d70e90f4c15fb0c26bb6bbe5179994c651be6815b2"
            "46b48b72d9beb5096ec287269c71c28c83229d2249b2e22a2bc9798b5f21cd225f4381b7"
            "2cd9291d5e28a2d01293e19324906e0b09ff1f4bbc8ebd03bff8cf1480708cd703a745e6"
            "94ce6bd5db7ce02cd1f61c159f10646b9f7fd37dd1056d0110825fecaee9f234dadbc920"
            "1f1f3bdbe97648605f92b80627f289acb9a7568cd7049e1fd46b1b095f33052127ba7d73"
            "71858d3bc83662a7fc384dc78b0b279eb9ab14d90e25c1dbafb9a97944a6852102ad8982"
            "5fad0c5596092fabc5f3befd13d13c9ba9c52afeaa9ed1e575",
        .hkdf_hex = "a5d343f5f42956c8e9bbcec8bad810f5",
        .signature_b64 = "x/pbq4U9m6hjOvqs5gfohCPFILXqkfr59EqQC6CzIKY=",
        .epoch = 951825659LL,
    },
    {
        .name = "short_salt_leading_zeros",
        .pool_name = "Sh0rtSalt",
        .user_id = "eve",
        .password = "x",
        .a_hex = "f57379773ca9497e4e706959e3cdb472f2cc6ad93bc71aca34497368f8511a93f4e683b9"
            "034c4692c50b3ff44f872bb71849ba49a6f060cb9ba44efa8ac499637f1432acb5ace9dd"
            "984f26e5f70571ae63a033c6280c1368a9856244b89a2abc62272aba8f1d4e6862816d67"
            "df95af02963168c8c58b67d88cb55698ba10b454",
        .A_hex = "3418f4fe150b582117955d51ee0ba30cac3a95567deafbd47236a4ccefb2f140be015ba1"
            "00f906bbbd0c05cffe346600af4baa50976b091abf7f0dea208533a4ad7e8a13751b43b5"
            "9557439a3f85f80c314dec8e791dc2620fe60e2321388002adcbc06a1fd4244a376e4ede"
            "305f3631337802d8c2e46e0ba9de2bf49af4872720328e4e5b065ea77bac33f4650b157a"
            "399f24cb63bc5bb1c24385deba1a42b8f31bb2e50d5571b0357f4cd217435e8d217324f5"
            "e52f2ce8968f2d0e4e5e8253cac4e4a568d544ba85283cef7829fed8ec2dfdeb441268ef"
            "dd0100a446727cc5b5b6207e9f443e03702a61ed9e782761a8c5163f0ff574a8a246001f"
            "b895126bf8ffe88e43a7478a54c6c33da2a5624150db2bf7292058690caab69344512c6b"
            "d87400277fce75f9d41d46a4590bf359f0006e717934de94be2d29c44a02933d2a114bc4"
            "9a9b552f3c6f38b391033160b9c2bc6860df912a1a495e8bcbe71c42cf28d00e648c8e64"
            "9b21c37e76577b367fe14830278412499538733f7933f7fb",
        .salt_hex = "00003cff45",
        .srp_b_hex = "9f4aaa07e66379fb6b2e421446011c51ad737fffb0e4fd665a79c701a8ded5bbbc3aaa03"
            "515a5de069b25266eb6c94fe230e2a3e5720bbcb1033e9903b083d670c4451b505def1fd"
            "e94024f0d6de4c88c7aba9f5a80b206dace1a8d208c51fe13c57c4173e116ed9fbbe73cd"
            "0b4e804b998d376d595ab85a4206636b0afda813c5ee79ba08ed29341a0836bc424ee509"
            "26232b5844506710cf5d118f3d3e5f0e1399b56bf7edf9ffa2e79c1f77a439fbcdb7428a"
            "47f153f3923f226de3da0e6cf43962da01121f3a49c45d69c49041d0b6d8eb0c0d2eea41"
            "51f34cbe1dd3da8f6d44fdfaccbbcada8e0cb659d5676ff7a1105cc207585f55515a36c5"
            "5e0087f9310b5d6fac416c4e81f22ecd74833b041965a3e4072bef2813f8f8748d9111c0"
            "873c3e537edd05bec6d688cd3416dba9afe2c3e104c64f41f183f313a6e98a88684547fc"
            "79bcab189cea4e78abe1d23e51d0e849f77280934c8f18ed4d965504e8dc056fc03a80b2"
            "361215116fc42a8c0a3b763dc85fad3d5fa17190f95b3f64",
        .secret_block_b64 = "WA==",
        .timestamp = "Tue Dec 31 23:59:59 UTC 2024",
        .k_hex = "538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6",
        .u_hex = "28963ac1988baf7703d2fe1ccd640c539b48c90a11cbc488035f8d4a2b00672c",
        .x_hex = "00a569732e3592c3a9899234d7623205c390b879674d9cb143a4a159e4d43164ed",
        .S_hex = "00c3b40c369cb2e84adfa570f0ab05e89702ff88ce48923293915a22a4d1a32e4a41c068"
            "28c7dc96667b8446ecbe6eb91791883a3e85d4b8ccb27811676b4a021d733007391f0cb9"
            "ee0ee15a8af5040250f2d99a029bb36164d699bab40063f7e66ad20418abfd03c21fcf96"
            "c32d3b4ab32f89603b81a1ef624ba883fdc669c9c7a1cd9831bbd7ecf53aedc431a2bb7f"
            "b12501901728f25756809c67ff2c859b89dfe180578848ed5a727a084933827a520e9fda"
            "870ba5f842f74ce98d6fc0b0a7c6de00f1ec419c93e97db89f1504e65610e8932a328d49"
            "6430b4d71d56613b91b420027d0aba99fa57db1d017a67cc69fd35df5908688b42c6590a"
            "051a21fc9429780575716154226614376d030e4ddab76249837ccb18f00b0b4132a10a7a"
            "0f9650ac737192c91e909d7a69547e998c084d790de185ec4b8e0841a1f014f70aa54134"
            "33488da6c8751a3ee0099e3dc1c13e89fe709aca898c03b0f492d88ef0b4f3821a6f1ca5"
            "fd7ed89174b6f60541ec53047488a37ceeb6f2e72ab5188b8b",
        .hkdf_hex = "94cd7aee689c0da35a257d37a3de5620",
        .signature_b64 = "OnScuNieS43KfP45+nlB1de7CXMTf3loPpYUkL4h1UA=",
        .epoch = 1735689599LL,
    },
    {
        .name = "odd_length_srp_a",
        .pool_name = "0ddA",
        .user_id = "frank",
        .password = "frank-password-123",
        .a_hex = "ec87e76d37af9eb76b0fb4d45656c41669d55575573e91f35eb17c36f1cd9728cf94b1f5"
            "67d42c28240c7b263590d14d4387cc0972cd003ee457619caa669402597cdf29d3c4a65c"
            "51da139349a07a7c124d37f8083976b3bb7266e848da53730ddf136b526a5d88c32ec134"
            "54b6fbd698584cc200b68c1b12d3798968355eb3",
        .A_hex = "78ce847f77a0f9cf0784177d09a96e77ad12e9882d61728aa3f0df0c5b8adf95f67ca9ba"
            "84149dd158edae076d34aeb5a831157a1023cc7cc51e1803e52c91bbe7c0a12858ff3b1a"
            "c964724d0d0f592deb58ab6556ab4dde261030180b6a59b0b8311fcce6f386bc8af629e6"
            "abc8a102ddbcfbf4b84fcc0f2ad1551bb1326270845e1b4422d7247064d38e8c89eaffd6"
            "f37df710c7df7872d43fe10d0e1e8042777cb4f7f691bf94b66f1ba7c739c4da4843eaed"
            "1f1c0e028b6a9c409d932ccedd887aba63039db68b6a7883ae93b255217b793b66907a34"
            "bc9919fb8828090b7c5d7bb34200191a3c36ab5b4165db121406bd4c5b57d6252fabe5a8"
            "03c98da65e52996f78b6c05709117e9607b9b6f0413ef2f325c291f1ad2c02eadbd0b268"
            "6d78b24f084cdda5ac4d00f6163d8355c3e7d2e470a8a50910844580cb915896c994f785"
            "6280238b80bfca5da597f663812a97cde1e4ef12653edbca27a4eccd122851a96885279d"
            "b4f7a11dd8d59ca119ee6ea047bdcf08fce6f3628c90508",
        .salt_hex = "55932326a6452c21a4a2a4614c725145",
        .srp_b_hex = "b6127b6e35373caf095253b900fad01091c6132874e2d0ea044abb25fe35c85194882eb0"
            "3e2b84644d1381bcd52285be328ce5a5869396bccee36dbeee6404eebd9d04f483946483"
            "f54079f5e483b63b907e89ed7c88972deb75675ed78bd840210503f0672913ee6ea2f525"
            "3e937cb22b3ac7a0d3265bc8310ed557ef3708618bba313ba821ee079f571a3c21e99923"
            "0893ab6deab1fb60ae63fa775f0fea0672a93ac92fb0858211b64a667e964d652b390fb2"
            "b5e0213d0dc513a248802c4a6bb33793afa201370c204e9ccc5f701f6d71c10c370f3608"
            "c64b149f7784d6d2724d09901fbe664595fc85e2cddec7fe2211234df0c4dd057c6cec09"
            "9c3560154bee6d96384a4e315300c1e236485e0e07ee5891b24aeecac3035fcaa0c072cb"
            "45a95c004729e8e458a8e921352dff209dd7a6f64542c1901fa4488d6850933ab1d36da7"
            "de8f9d547d03679ff3165b7ee3ff665af6c140e4c39ee1d5158451e9645f4d4ba7e5488b"
            "1ba17e543fedf0175a1a4fe213fe31293f99aeb901a629e5",
        .secret_block_b64 = "TomzFLPD6ERBTr9F4Cy8SLSFK5ULg/SqPwvNHITMjWl34J8EIVU9KDM/jxVTgoPHOjlQcXWF"
            "Ip7vKw7WRTC4vxjWSq+FGcSZiH+vC0gQ+4x3zKJn/XwBiO0fFlKq+ubNkhjn8KVhnvtwjZGh"
            "iLuZdCWShnFWeRqNSBHbZeUOgT3lYbcHVlcD27vlmPVvn8QG0UcpOw3p0CrrQ/TQRVsf1xux"
            "B/EL/mcXkKdpWWyGriheSgnVoS6EDYwAuNVyI56QdXecUFcthsGF8y9NG5qAv1gV92jBTRlX"
            "1+0Id94tM/gYgioIhFk0M7aE9ayPHh8W4eoibSJWDwF/dO0+bq63CrzoOCDxLD6SiNzySFvy"
            "iGfgZCL6LcdzlAD7QcIPjByvNFjBkU6VPdRBePp/pIHlFQDFG5jyuC/IkXKsIJxDddfUdN7k"
            "ps0J36OkJNG1BXi22AV1HF29m3VsAMbpx3r8AdliUZAhVwUIp1miUFBu6vsdpHc8iQ0UDktq"
            "26Yxzdik1Y9VHLZlf7IEMvSd43qmuteWtTB5yLY7EhXO8PLag+zwVVkdwzUKUJ3LqzXus165"
            "AQrPA4GFSq+V4yJDE7qhg+I1Rs/uSu9nl7GDscxz0IAFVUdlFF18tVbgjjKM/GuXGgg80Thq"
            "/K2enBNFgUN8Qksd2tjQ95/qp33fClC4SRigbpO0VRxjcKDsWMm8K81vIaCIOWJfF9JKgyZl"
            "oDm3NC3D8OhvD6gITDxWnPLyGrHbknheMCeQ68fwzpqScgrQaRYfTXApf8eNQCDJLbuj5h+x"
            "ZDpTtrD2el1v1cd/uqZTW2A8mn19e3KYnvWiPeVWDKJRNjqnL6mt+451kSiHwLNvNaZO0wCm"
            "0xL6Cl7qF8pvnSdHXO1P4cCuz1tHcMd0G4ZsMbr8wuHNev6dIepp8SZ0iZe5w9I8cxLrTSCy"
            "9OB0S1B/fs/iBsMGg5cPK4zzIBqPuFGtA9v7bLIjvE+qTkp37aLwLxyDMY1kq5M2AaiITXWo"
            "MC/kHqoEo+I3JkfPVn2XrzbXTdywyxrfCdXK/gVL8qay9Xel/nEKTvGyi2Hy8AstzDSyTAyy"
            "B/Usw4ws0ArdTGtdxC5Xd7IcH1chmi5yW+bOMQdKlEFi4bNTECm8HJP/aCMHa6nG+AsnDfhf"
            "jgRNHre7ounZpNacxrPDFT8xCAgEtrPWpuo6yy2gIee7Q8b6HtFYhCq8KmJOriqNSdbppN+w"
            "UMcMhh8cu80dCqkoj4VE+KenPwg0P3BKvrWUEUQB+uWfkslT+i7Gzf8hCbktMxzvPgUizY29"
            "Hrc82N+mGIhZW5RBAIlEymgtjTNthm8RCYE/Rl/gfFLP86mQ2T6MkRyMPbJ9GyCwD0prbjxh"
            "1NxB9LqguyWRdLeyje5SWUS3JbgWmTWGB0rwi0zXT5RNljZlmAgC9HA2QCcnc4dluYj5AlKC"
            "lo54BNWGHIMacyTzQGviGdxW36J4lDd7wZFB/fkL8oD9PeekEO+1k64aDEckwarAvKBnRxka"
            "WZ9tAbEC2YUqSrLApd7GIudJZFEFdVd9tZspyTTys33tYgtxy+Ow2PBvKdpGngfc5kiIYX0l"
            "D1NUGUWvfQD5Gr1OvwdkwSULW0I+mVp6FdT3Hv1nBN9zmC0f78n74MBafFiHLvhMyurtZ5Te"
            "5BnNPkP8+27juLf3i4VBkrqoco2VSWrXdeXIsPbiyM7zKtLOt0dc92TlsjOXcx8y+BOU+V2f"
            "+gEvjtDUedm8EyM2mRLi7spfC7Bl6emg8/GR4xGaW7LNWr7mlVohiJdY8j+yV+CCZX6e+6gB"
            "o4Y2uRIXbFOSGU0jwN3CacP50LJLF8qGfu0o8602GIAPaYVr6V3f7t5Qkf90fF1/6RLh4On7"
            "thPVbxRSbGhr2Ni38Ciq4rBXO1kmmwt7u/ydCChjhfar8YVm9+tAn1f25ALtgpTj2+WB8w4V"
            "7iwDpXDdO/l/gURjA09cPPOD5x2VF6YMxhE24Rgl1EROjWu4CaPub24IQOo0/3cxtAw5F034"
            "rTG2U4SnFmiWMsA2eL/sHjrd1RU5h3jTeVXiMVSXa0wiw9cR9rpmWEpOCbscTraTOZieSoeU"
            "jyzdW92ZREG1CPMyU44/uNOCa2MvI3CO9BLjk9/Tfa6tD4cvFK4+LTggXk1Uim77B9i0G/LS"
            "9AJ6KwYZbuyYWlqz3xsf9z6uPHleyGwTnYzTEzH75r7mF52f01P/7FodH87Sj5z+EUAjpYlc"
            "RWdPiHs55rkidVgZEuFTkY+9jn8rPsF5AzThgWsZhzY+My7GuUUijSlSD6NvBn3tnI/GZrHB"
            "TTlzZ9cPj8bh2ocFMf+GtbuyrnP/2ADIwHwVxjYKxC9oQO+z8GGnT+4Q1qohsQqlCp12JX5i"
            "vgZzeQPiaPIFekVQLzfX97zQ8u8egBzpKjDdiWhsnbMrOZnIyqn2v1eaN5ak35y0BCvwLfFh"
            "Go2A/2Ok+ky8epB8eQ9TA4Fk58SxGtRcungDnoO8sRrKe3IqmFSwAHJKUstflOS4PnGwJQ7j"
            "nFIi5y1RKkDLoRGAOdPojDeckoB+2/Xrmk2An9li7ZGbKBih9qE17DQ4kM9CA5qRlBDtXzgw"
            "Wl9QVWBBwCTJ3HZkCqjatqVYhyIltn2HzyJWQYKBxZb9ZFSVRCJhm2qan9U7FY76YrL+U+73"
            "vRCHb7L3pDwZ2rtKopxA85Qe7yrUTED0sm4c5+lU8YSBpE7lmz04riN9b0/kIW8sSFY=",
        .timestamp = "Sat Oct 21 07:08:09 UTC 2023",
        .k_hex = "538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6",
        .u_hex = "00aa78bf9d48fb614cb6664042f563565cf6ee3a55049465621432e40085269ac3",
        .x_hex = "61baf544091a144fc0f9e5d6c0ff687695e6d0f01a5ae653b8c4e7bd34ed7b11",
        .S_hex = "00c99cd85da57298f7a44d7eca0731f0506f528108de0a9543b1108cc1d4d6075e07a914"
            "07dae00040e7decb4db3e530e9adc5f6e5e5b0eaba64761cd1c3d2413b7afba99f32e751"
            "dddafee1af3c1e748ea9ef267cf8119de0620a7e7be5dc1c7b23ba31f4cb099bd964893b"
            "a8340509d22848bde21227f2d3eed055c3de3d6f61d2ba740fe92ec26d8b6036b15fa2dc"
            "03a0f69d713dd29a71ac37b9046700fe57d5e5f870cc93aac4fcadeba1440f2ad02df807"
            "e89ba2a82ddbf55685a6a31d5f08ff8e2bcb8c9d78e9f7cea3d179fa2f96841587ecfcc6"
            "4228a3875ac0aeafa51b75b53bb2b9646423dc624863daaa62c0ed656a7831c2d253dc26"
            "2282d1eab9fd65ba8422180d3676766a019ce09f27cffeb49ba3714ba858cd573b8c3fcd"
            "cc412d1e8a3ca1a8799b82382f403ef9ecfbbbaaeec72a8880ca9658890e3e859e823983"
            "bdffe27cc423522b0096e26ace3497ccd8c9729c25e648e025423b8ecf469bed1efafb8b"
            "3146c5d3dbd97aa45814751834c34c0fff160b510881a25d57",
        .hkdf_hex = "c70e395bf687fee557f1c4b72e3d9744",
        .signature_b64 = "LTKgnXgDUWzvB8CgIBlJxj61qW3ysi6+qPwmird1bO8=",
        .epoch = 1697872089LL,
    },
};

#endif
