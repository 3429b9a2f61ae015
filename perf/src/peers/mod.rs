//! One module per peer format. Each builds a [`Peer`]: the format's encoding of a dataset and the operations it
//! supports, every one checked against the plain value once before anything is timed.

pub mod bilrost;
pub mod bitcode;
pub mod buffa;
pub mod capnp;
pub mod cramberry;
pub mod flatbuffers;
pub mod postcard;
pub mod prost;
pub mod rkyv;
pub mod serde_bridge;

/// What the runner measures (the community's names, shared/spec/datasets.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    /// Encode into a reused buffer or arena.
    Serialize,
    /// Decode into owned values.
    Deserialize,
    /// Decode into types that borrow strings and bytes from the input.
    Borrow,
    /// Get a validated root handle from the bytes.
    Access,
    /// Access, then read the dataset's "read" fields.
    Read,
}

impl Op {
    /// Every operation, in display order.
    pub const ALL: [Op; 5] = [Op::Serialize, Op::Deserialize, Op::Borrow, Op::Access, Op::Read];

    /// The column name.
    pub fn name(self) -> &'static str {
        match self {
            Op::Serialize => "serialize",
            Op::Deserialize => "deserialize",
            Op::Borrow => "borrow",
            Op::Access => "access",
            Op::Read => "read",
        }
    }
}

/// A closure that performs an operation once and returns something derived from the result.
pub type Run<'a> = Box<dyn FnMut() -> u64 + 'a>;

/// One format's encoding of a dataset and the operations measured on it.
pub struct Peer<'a> {
    /// Peer name (`cramberry`, `prost`, ...).
    pub name: &'static str,
    /// The encoding of the dataset (for the size columns).
    pub bytes: Vec<u8>,
    /// The operations this peer supports.
    pub ops: Vec<(Op, Run<'a>)>,
}

impl<'a> Peer<'a> {
    /// A peer with its encoding and no operations yet.
    pub fn new(name: &'static str, bytes: Vec<u8>) -> Peer<'a> {
        Peer { name, bytes, ops: Vec::new() }
    }

    /// Adds an operation after running it once and checking that it returns `expected` (the encoded length
    /// for serialize, the dataset's read for read, 1 for a decode whose result was compared beforehand).
    ///
    /// # Panics
    /// When the operation returns anything else: a peer that does not round-trip must not be timed.
    pub fn op(mut self, op: Op, expected: u64, mut run: impl FnMut() -> u64 + 'a) -> Peer<'a> {
        let got = run();
        assert_eq!(got, expected, "{} {}: wrong result before timing", self.name, op.name());
        self.ops.push((op, Box::new(run)));
        self
    }
}

/// What a dataset provides to the peers: its name, its "read" on the plain value, and the peers themselves.
pub trait Dataset {
    /// The dataset's name (`log`, `mesh`, `seed/person`, ...).
    fn name(&self) -> &'static str;
    /// The "read" of shared/spec/datasets.md, computed on the plain value: every peer's read must agree.
    fn read(&self) -> u64;
    /// Every peer's encoding and operations for this value.
    fn peers(&self) -> Vec<Peer<'_>>;
}

/// A dataset with a borrowing twin: `Borrowed<'b>` holds the same values with strings borrowed from bytes that
/// live for `'b` (the "borrow" column, for the strings-heavy datasets).
pub trait Borrowing: Dataset + ::cramberry::Message {
    /// The borrowing twin of the dataset's root type (the same fields and numbers).
    type Borrowed<'b>: ::cramberry::Message;

    /// Whether a borrowed decode holds the same values as the plain one: their canonical encodings agree.
    fn same(borrowed: &Self::Borrowed<'_>, plain: &Self) -> bool {
        ::cramberry::Message::encode_to_vec(borrowed) == ::cramberry::Message::encode_to_vec(plain)
    }
}
