//! Bindings of random valid schemas drawn from fixed seeds by `build.rs`: compiling them is the property
//! test "random schemas generate code that compiles", on a sample.

/// Drawn from seed 3.
pub mod sample0 {
    include!(concat!(env!("OUT_DIR"), "/random0/mod.rs"));
}

/// Drawn from seed 11.
pub mod sample1 {
    include!(concat!(env!("OUT_DIR"), "/random1/mod.rs"));
}

/// Drawn from seed 2024.
pub mod sample2 {
    include!(concat!(env!("OUT_DIR"), "/random2/mod.rs"));
}
