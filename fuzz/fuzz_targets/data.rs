#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    certlens_fuzz::data(data);
});
