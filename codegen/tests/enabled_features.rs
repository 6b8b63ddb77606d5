//! `Config::only_enabled_features`: in a build script, only the APIs whose Cargo feature is on get their
//! modules written (the others are compiled out anyway), and those modules are the ones a full run writes.
//! One test in a binary of its own: it sets `CARGO_FEATURE_CALENDAR` for the process, as Cargo does for a
//! build script.

use std::path::Path;

use truto_codegen::Config;

#[test]
fn only_the_enabled_apis_modules_are_generated() {
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cli");
    // SAFETY: the only test of this binary, so no other thread reads the environment meanwhile.
    unsafe { std::env::set_var("CARGO_FEATURE_CALENDAR", "1") };
    let only = Config::for_truto_unified().schema_dir(&schema).only_enabled_features(true).generate().unwrap();
    let all = Config::for_truto_unified().schema_dir(&schema).generate().unwrap();
    let paths = |files: &[truto_codegen::GeneratedFile]| {
        files.iter().map(|file| file.path.to_string_lossy().into_owned()).collect::<Vec<_>>()
    };
    assert_eq!(paths(&only.files), ["mod.rs", "common.rs", "calendar.rs", "calendar/users.rs"]);
    assert_eq!(paths(&all.files).len(), 8, "{:?}", paths(&all.files));
    for file in &only.files {
        let full = all.files.iter().find(|other| other.path == file.path).unwrap();
        assert_eq!(file.contents, full.contents, "{} differs from the full run's", file.path.display());
    }
    // The root still names the disabled APIs, so calling one says which feature to enable.
    let root = &only.files[0].contents;
    assert!(root.contains("pub trait CrmFeatureIsOff") && root.contains("pub mod crm;"), "{root}");

    // Without feature gates there is nothing to leave out.
    let ungated = Config::new().schema_dir(&schema).only_enabled_features(true).generate().unwrap();
    assert_eq!(paths(&ungated.files).len(), 8);
}
