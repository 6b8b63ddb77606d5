//! Decoding a ~1 MB `calendar/users` list page: the generated `ListPage<calendar::User>` against a
//! hand-written `#[derive(Deserialize)]` struct of the same shape, on the same bytes; and the generated
//! decoder on the same page with one irregular record in 100 (see `users::IRREGULARITIES`).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use truto_benches::users::{hand, irregular_page, page_of_size};
use truto_unified::ListPage;
use truto_unified::calendar::User;

fn decode(c: &mut Criterion) {
    let (page, users) = page_of_size(1 << 20);
    let bytes = page.into_bytes();
    let (irregular, same_users, mutated) = irregular_page(1 << 20, 100);
    let irregular = irregular.into_bytes();
    assert_eq!(users, same_users);
    eprintln!(
        "decode: {} bytes, {users} users; irregular page: {} bytes, {mutated} irregular",
        bytes.len(),
        irregular.len()
    );
    let mut group = c.benchmark_group("decode-1MB");
    // Per record, so the irregular page (a few bytes longer) compares with the valid one.
    group.throughput(Throughput::Elements(users as u64));
    // Interleaved rounds, so all three see the same machine load.
    for round in ["a", "b"] {
        group.bench_function(format!("generated/{round}"), |b| {
            b.iter(|| serde_json::from_slice::<ListPage<User>>(black_box(&bytes)).unwrap())
        });
        group.bench_function(format!("hand-written/{round}"), |b| {
            b.iter(|| serde_json::from_slice::<hand::Page>(black_box(&bytes)).unwrap())
        });
        group.bench_function(format!("generated-1-in-100-irregular/{round}"), |b| {
            b.iter(|| serde_json::from_slice::<ListPage<User>>(black_box(&irregular)).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, decode);
criterion_main!(benches);
