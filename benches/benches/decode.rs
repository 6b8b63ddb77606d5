//! Decoding a ~1 MB `calendar/users` list page: the generated `ListPage<calendar::User>` against a
//! hand-written `#[derive(Deserialize)]` struct of the same shape, on the same bytes.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use truto_benches::users::{hand, page_of_size};
use truto_unified::ListPage;
use truto_unified::calendar::User;

fn decode(c: &mut Criterion) {
    let (page, users) = page_of_size(1 << 20);
    let bytes = page.into_bytes();
    eprintln!("decode: {} bytes, {users} users", bytes.len());
    let mut group = c.benchmark_group("decode-1MB");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    // Interleaved pairs, so both see the same machine load.
    for round in ["a", "b"] {
        group.bench_function(format!("generated/{round}"), |b| {
            b.iter(|| serde_json::from_slice::<ListPage<User>>(black_box(&bytes)).unwrap())
        });
        group.bench_function(format!("hand-written/{round}"), |b| {
            b.iter(|| serde_json::from_slice::<hand::Page>(black_box(&bytes)).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, decode);
criterion_main!(benches);
