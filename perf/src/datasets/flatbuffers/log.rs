//! `log` as FlatBuffers.

use super::Builder;
use crate::datasets::log::Logs;
use crate::generated::log_fb::fb::log as fb;
use flatbuffers::InvalidFlatbuffer;

/// Builds and finishes the logs.
pub fn build(data: &Logs, b: &mut Builder) {
    let logs: Vec<_> = data
        .logs
        .iter()
        .map(|l| {
            let a = &l.address;
            let args = fb::LogArgs {
                address: Some(&fb::Address::new(a.x0, a.x1, a.x2, a.x3)),
                identity: Some(b.create_string(&l.identity)),
                userid: Some(b.create_string(&l.userid)),
                date: Some(b.create_string(&l.date)),
                request: Some(b.create_string(&l.request)),
                code: l.code,
                size_: l.size,
            };
            fb::Log::create(b, &args)
        })
        .collect();
    let logs = Some(b.create_vector(&logs));
    let root = fb::Logs::create(b, &fb::LogsArgs { logs });
    b.finish(root, None);
}

/// Verifies the buffer and gets the root.
pub fn access(bytes: &[u8]) -> Result<(), InvalidFlatbuffer> {
    fb::root_as_logs(bytes).map(|_| ())
}

/// "read": address, code and size of every log.
pub fn read(bytes: &[u8]) -> Result<u64, InvalidFlatbuffer> {
    let root = fb::root_as_logs(bytes)?;
    Ok(root.logs().map_or(0, |logs| {
        logs.iter().fold(0u64, |acc, l| {
            let a = l.address().copied().unwrap_or_default();
            acc.wrapping_add(u64::from(a.x0()) + u64::from(a.x3()) + u64::from(l.code()) + l.size_())
        })
    }))
}
