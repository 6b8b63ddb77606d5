//! Writes are atomic: two generations racing into one folder while a reader watches it never expose a
//! truncated or mixed file, and leave no temporary file behind. (A write failing half way is tested in
//! `write.rs`'s unit tests.)
//!
//! This fails with a plain `fs::write` (which truncates, then writes) and with temporary files whose names
//! are shared by concurrent writers of one process.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use truto_codegen::{Config, Generated};

/// The bad-input catalog's base schema with every description replaced by a long `text`, so that files are
/// large enough (hundreds of KiB) for a non-atomic write to be caught half way.
fn generated(text: &str) -> Generated {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad/_base");
    let schema = tempfile::tempdir().unwrap();
    for file in ["truto.yaml", "integrations.yaml", "common.yaml", "calendar/users.yaml", "calendar/events.yaml"] {
        let target = schema.path().join(file);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        let mut yaml = std::fs::read_to_string(base.join(file)).unwrap();
        if file.starts_with("calendar/") {
            let long = format!("{text} ").repeat(12_000);
            yaml = yaml.replacen("methods:", &format!("description: \"{long}\"\nmethods:"), 1);
        }
        std::fs::write(target, yaml).unwrap();
    }
    Config::new().schema_dir(schema.path()).generate().expect("the schema is valid")
}

/// Every file under `dir` (relative path → bytes), read while writers may be renaming.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut pending = vec![PathBuf::new()];
    while let Some(relative) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(dir.join(&relative)) else { continue };
        for entry in entries.flatten() {
            let path = relative.join(entry.file_name());
            if entry.path().is_dir() {
                pending.push(path);
            } else if let Ok(bytes) = std::fs::read(entry.path()) {
                files.push((path, bytes));
            }
        }
    }
    files
}

#[test]
fn concurrent_generations_never_expose_a_partial_file() {
    let versions = Arc::new([generated("first version"), generated("SECOND VERSION, longer than the first")]);
    assert!(versions[0].files.iter().any(|file| file.contents.len() > 100_000), "files are large");
    let out = tempfile::tempdir().unwrap();
    let out_dir = out.path().to_path_buf();
    let done = Arc::new(AtomicBool::new(false));

    // Two writers, each alternating between the versions from a different start, so they overlap on every
    // file; and one more writer thread per version to race on the same temporary names, if they were shared.
    let writers: Vec<_> = (0..4)
        .map(|writer| {
            let (versions, out_dir) = (versions.clone(), out_dir.clone());
            std::thread::spawn(move || {
                for round in 0..8 {
                    versions[(writer + round) % 2].write_to(&out_dir).expect("the write succeeds");
                }
            })
        })
        .collect();

    let reader = {
        let (versions, out_dir, done) = (versions.clone(), out_dir.clone(), done.clone());
        std::thread::spawn(move || {
            let mut reads = 0usize;
            let started = Instant::now();
            while !done.load(Ordering::Relaxed) && started.elapsed() < Duration::from_secs(60) {
                for (path, bytes) in snapshot(&out_dir) {
                    if path.file_name().is_some_and(|name| name.to_string_lossy().starts_with('.')) {
                        continue; // a temporary file being written
                    }
                    let whole = versions
                        .iter()
                        .filter_map(|version| version.files.iter().find(|file| file.path == path))
                        .any(|file| file.contents.as_bytes() == bytes.as_slice());
                    assert!(whole, "{} was read partially written ({} bytes)", path.display(), bytes.len());
                    reads += 1;
                }
            }
            reads
        })
    };

    for writer in writers {
        writer.join().expect("no writer failed");
    }
    done.store(true, Ordering::Relaxed);
    let reads = reader.join().expect("the reader saw only whole files");
    assert!(reads > 0);

    // Whatever run finished last, the folder holds one whole version per file, and nothing else.
    let left = snapshot(&out_dir);
    assert!(left.iter().all(|(path, _)| !path.to_string_lossy().contains(".tmp")), "no temporary file is left");
    assert_eq!(left.len(), versions[0].files.len());
}
