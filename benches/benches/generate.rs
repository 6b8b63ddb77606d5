//! In-process generation time (`Config::generate`: load, validate, emit, format; nothing written) for
//! synthetic schemas of 10, 100 and 1,000 resources, and for the real `schema/`. Criterion reports the time
//! per resource (throughput in elements), which should stay flat as the schema grows.

use std::path::PathBuf;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

fn work_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target"));
    target.join("bench-work/criterion-generate")
}

fn sizes() -> Vec<usize> {
    // TRUTO_BENCH_SIZES=10,100 for a quicker run.
    std::env::var("TRUTO_BENCH_SIZES")
        .ok()
        .map(|sizes| sizes.split(',').filter_map(|size| size.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10, 100, 1_000])
}

fn generate(c: &mut Criterion) {
    let mut group = c.benchmark_group("generate");
    group.sample_size(10);
    for resources in sizes() {
        let dir = work_dir().join(format!("n{resources}"));
        truto_benches::synth::write_both(&dir, resources, 7).expect("writing the synthetic schema");
        let config = truto_codegen::Config::new().schema_dir(dir.join("schema")).feature_gates(true);
        let files = config.generate().expect("the synthetic schema generates").files;
        let lines: usize = files.iter().map(|file| file.contents.lines().count()).sum();
        eprintln!("generate/{resources}: {} files, {lines} lines", files.len());
        group.throughput(Throughput::Elements(resources as u64));
        group.bench_with_input(BenchmarkId::new("synthetic", resources), &config, |b, config| {
            b.iter(|| config.generate().expect("generates"))
        });
        group.bench_with_input(BenchmarkId::new("load+validate", resources), &config, |b, config| {
            b.iter(|| config.check().expect("valid"))
        });
    }
    let schema = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../schema");
    let config = truto_codegen::Config::for_truto_unified().schema_dir(schema);
    group.throughput(Throughput::Elements(1));
    group.bench_function("schema/", |b| b.iter(|| config.generate().expect("schema/ generates")));
    group.finish();
}

criterion_group!(benches, generate);
criterion_main!(benches);
