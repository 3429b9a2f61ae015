//! `log` as Cap'n Proto.

use super::{len, Builder};
use crate::datasets::log::Logs;
use crate::generated::log_capnp::logs;
use crate::peers::capnp::open;

/// Populates `message` with the logs.
pub fn build(data: &Logs, message: &mut Builder<'_>) -> capnp::Result<()> {
    let mut list = message.init_root::<logs::Builder<'_>>().init_logs(len(data.logs.len()));
    for (i, l) in data.logs.iter().enumerate() {
        let mut out = list.reborrow().get(len(i));
        let mut address = out.reborrow().init_address();
        address.set_x0(l.address.x0);
        address.set_x1(l.address.x1);
        address.set_x2(l.address.x2);
        address.set_x3(l.address.x3);
        out.set_identity(l.identity.as_str());
        out.set_userid(l.userid.as_str());
        out.set_date(l.date.as_str());
        out.set_request(l.request.as_str());
        out.set_code(l.code);
        out.set_size(l.size);
    }
    Ok(())
}

/// "read": address, code and size of every log.
pub fn read(bytes: &[u8]) -> capnp::Result<u64> {
    let message = open(bytes)?;
    let root = message.get_root::<logs::Reader<'_>>()?;
    let mut acc = 0u64;
    for l in root.get_logs()? {
        let a = l.get_address()?;
        acc = acc.wrapping_add(
            u64::from(a.get_x0()) + u64::from(a.get_x3()) + u64::from(l.get_code()) + l.get_size(),
        );
    }
    Ok(acc)
}
