//! `synth --resources N [--apis K] --out DIR`: writes `DIR/schema/` (truto-codegen YAML) and
//! `DIR/openapi.json` (the same resources as OpenAPI 3.0, for progenitor), plus `DIR/truto_use.rs` and
//! `DIR/progenitor_use.rs`: programs that call every operation of each generated crate.

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut resources, mut apis, mut out) = (10usize, 7usize, None);
    while let Some(arg) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| usage(&format!("{arg} needs a value")));
        match arg.as_str() {
            "--resources" => resources = value().parse().unwrap_or_else(|_| usage("--resources: not a number")),
            "--apis" => apis = value().parse().unwrap_or_else(|_| usage("--apis: not a number")),
            "--out" => out = Some(std::path::PathBuf::from(value())),
            other => usage(&format!("unknown argument {other}")),
        }
    }
    let out = out.unwrap_or_else(|| usage("--out is required"));
    let written = truto_benches::synth::write_both(&out, resources, apis)
        .and_then(|()| truto_benches::synth::write_consumers(&out, resources, apis));
    if let Err(error) = written {
        eprintln!("synth: {}: {error}", out.display());
        std::process::exit(1);
    }
}

fn usage(problem: &str) -> ! {
    eprintln!("synth: {problem}\nusage: synth --resources N [--apis K (1-7, default 7)] --out DIR");
    std::process::exit(2);
}
