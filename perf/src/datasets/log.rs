//! `log`: 10,000 web-server log lines (strings-heavy, borrowable).

use crate::peers::{Borrowing, Dataset, Peer};
use crate::rng::Rng;

super::peer_types! {
    /// An IPv4 address.
    pub struct Address {
        #[cram(1)]
        #[bilrost(encoding(varint))]
        pub x0: u8,
        #[cram(2)]
        #[bilrost(encoding(varint))]
        pub x1: u8,
        #[cram(3)]
        #[bilrost(encoding(varint))]
        pub x2: u8,
        #[cram(4)]
        #[bilrost(encoding(varint))]
        pub x3: u8,
    }

    /// One log line.
    pub struct Log {
        #[cram(1)]
        pub address: Address,
        #[cram(2)]
        pub identity: String,
        #[cram(3)]
        pub userid: String,
        #[cram(4)]
        pub date: String,
        #[cram(5)]
        pub request: String,
        #[cram(6)]
        pub code: u16,
        #[cram(7)]
        pub size: u64,
    }

    /// The dataset.
    pub struct Logs {
        #[cram(1)]
        pub logs: Vec<Log>,
    }
}

const USERIDS: [&str; 9] = ["-", "alice", "bob", "carmen", "david", "eric", "frank", "george", "harry"];
const MONTHS: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const TIMEZONES: [&str; 25] = [
    "-1200", "-1100", "-1000", "-0900", "-0800", "-0700", "-0600", "-0500", "-0400", "-0300", "-0200",
    "-0100", "+0000", "+0100", "+0200", "+0300", "+0400", "+0500", "+0600", "+0700", "+0800", "+0900",
    "+1000", "+1100", "+1200",
];
const METHODS: [&str; 5] = ["GET", "POST", "PUT", "PATCH", "DELETE"];
const ROUTES: [&str; 7] =
    ["/", "/index.html", "/login.php", "/api/v1/users", "/img/logo.png", "/search?q=rust", "/cart"];
const PROTOCOLS: [&str; 4] = ["HTTP/1.0", "HTTP/1.1", "HTTP/2", "HTTP/3"];
const CODES: [u16; 63] = [
    100, 101, 102, 103, 200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 306,
    307, 308, 400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418,
    421, 422, 423, 424, 425, 426, 428, 429, 431, 451, 500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511,
];

/// 10,000 logs with the community benchmark's distributions.
pub fn generate(rng: &mut Rng) -> Logs {
    let logs = (0..10_000)
        .map(|_| Log {
            address: Address {
                x0: rng.below(256) as u8,
                x1: rng.below(256) as u8,
                x2: rng.below(256) as u8,
                x3: rng.below(256) as u8,
            },
            identity: "-".into(),
            userid: rng.pick(&USERIDS).to_string(),
            date: format!(
                "{}/{}/{}:{:02}:{:02}:{:02} {}",
                rng.range(1, 28),
                rng.pick(&MONTHS),
                rng.range(1970, 2021),
                rng.below(24),
                rng.below(60),
                rng.below(60),
                rng.pick(&TIMEZONES)
            ),
            request: format!("{} {} {}", rng.pick(&METHODS), rng.pick(&ROUTES), rng.pick(&PROTOCOLS)),
            code: *rng.pick(&CODES),
            size: rng.below(100_000_000),
        })
        .collect();
    Logs { logs }
}

/// The view call a hot path would use for this dataset's read, which reads every log of the list.
pub const READ_VIA: crate::peers::cramberry::ReadVia = crate::peers::cramberry::ReadVia::ViewIn;

pub use crate::generated::log_pb as pb;

/// The same data as prost types.
pub fn to_prost(data: &Logs) -> pb::Logs {
    pb::Logs {
        logs: data
            .logs
            .iter()
            .map(|l| pb::Log {
                address: Some(pb::Address {
                    x0: l.address.x0.into(),
                    x1: l.address.x1.into(),
                    x2: l.address.x2.into(),
                    x3: l.address.x3.into(),
                }),
                identity: l.identity.clone(),
                userid: l.userid.clone(),
                date: l.date.clone(),
                request: l.request.clone(),
                code: l.code.into(),
                size: l.size,
            })
            .collect(),
    }
}

/// "read" through the lazy view: each record's address, code and size, nothing else validated.
pub fn read_lazy(v: &LogsLazy<'_>) -> cramberry::Result<u64> {
    v.logs()?.iter().try_fold(0u64, |acc, l| {
        let l = l?;
        let a = l.address()?;
        Ok(acc.wrapping_add(u64::from(a.x0()?) + u64::from(a.x3()?) + u64::from(l.code()?) + l.size()?))
    })
}

/// "read": address, code and size of every log, through a Cramberry view.
pub fn read_view(v: &LogsView<'_>) -> u64 {
    v.logs().iter().fold(0u64, |acc, l| {
        let a = l.address();
        acc.wrapping_add(u64::from(a.x0()) + u64::from(a.x3()) + u64::from(l.code()) + l.size())
    })
}

/// "read" through an rkyv archive.
pub fn read_rkyv(v: &ArchivedLogs) -> u64 {
    v.logs.iter().fold(0u64, |acc, l| {
        acc.wrapping_add(
            u64::from(l.address.x0)
                + u64::from(l.address.x3)
                + u64::from(l.code.to_native())
                + l.size.to_native(),
        )
    })
}

impl Borrowing for Logs {
    type Borrowed<'b> = super::borrowed::Logs<'b>;
}

fn read_one(address: &Address, code: u16, size: u64) -> u64 {
    u64::from(address.x0) + u64::from(address.x3) + u64::from(code) + size
}

impl Dataset for Logs {
    fn name(&self) -> &'static str {
        "log"
    }

    fn read(&self) -> u64 {
        self.logs.iter().fold(0u64, |acc, l| acc.wrapping_add(read_one(&l.address, l.code, l.size)))
    }

    fn peers(&self) -> Vec<Peer<'_>> {
        let all = super::community_peers!(self, log, crate::generated::log_buffa::Logs, LOG);
        all.into_iter().map(|peer| super::with_borrow(peer, self, super::buffa::LOG)).collect()
    }
}
