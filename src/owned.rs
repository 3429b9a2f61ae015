//! `OwnedView` and `OwnedLazy` (feature `bytes`): a validated (or lazily opened) message that owns its bytes,
//! so it can cross threads and `.await` points.

use crate::error::Result;
use crate::options::DecodeOptions;
use crate::view::{LazyView, Lazyable, MessageView, Viewable};
use bytes::Bytes;
use core::marker::PhantomData;

/// A message of type `T` validated once, holding the `Bytes` it was validated from: `Send`, `Sync` and
/// `'static`, cheap to clone (the bytes are shared), and [`get`](Self::get) hands out `T`'s view of them
/// again without re-validating.
///
/// ```
/// use cramberry::{Cramberry, Message, OwnedView};
/// #[derive(Cramberry)]
/// struct Order<'a> { #[cram(1)] id: u64, #[cram(2)] symbol: &'a str }
///
/// let bytes = Order { id: 7, symbol: "BTC" }.encode_to_bytes();
/// let order: OwnedView<Order<'static>> = OwnedView::new(bytes)?;
/// let symbol = std::thread::spawn(move || order.get().symbol().to_string()).join().unwrap();
/// assert_eq!(symbol, "BTC");
/// # Ok::<(), cramberry::DecodeError>(())
/// ```
pub struct OwnedView<T> {
    bytes: Bytes,
    message: PhantomData<fn() -> T>,
}

impl<T: Viewable> OwnedView<T> {
    /// Validates `bytes` as a `T` with the default options.
    pub fn new(bytes: Bytes) -> Result<Self> {
        Self::with_options(bytes, &DecodeOptions::DEFAULT)
    }

    /// Validates `bytes` as a `T` with `options` (limits, strict, canonical).
    pub fn with_options(bytes: Bytes, options: &DecodeOptions) -> Result<Self> {
        <T::View<'_> as MessageView<'_>>::view_with(&bytes, options)?;
        Ok(OwnedView { bytes, message: PhantomData })
    }

    /// The view of the message, re-read from the validated bytes (no checks, never fails).
    pub fn get(&self) -> T::View<'_> {
        <T::View<'_> as MessageView<'_>>::revisit_fields(&self.bytes)
    }

    /// The message's bytes.
    pub fn bytes(&self) -> &Bytes {
        &self.bytes
    }

    /// The message's bytes, giving up the view.
    pub fn into_bytes(self) -> Bytes {
        self.bytes
    }
}

impl<T> Clone for OwnedView<T> {
    fn clone(&self) -> Self {
        OwnedView { bytes: self.bytes.clone(), message: PhantomData }
    }
}

impl<T> core::fmt::Debug for OwnedView<T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("OwnedView")
            .field("type", &core::any::type_name::<T>())
            .field("len", &self.bytes.len())
            .finish()
    }
}

/// A lazy view of a message of type `T` that owns its bytes (feature `bytes`): `Send`, `Sync` and `'static`,
/// cheap to clone. Opening checks only the length (against the options); [`get`](Self::get) hands out `T`'s
/// lazy view, whose accessors validate what they read.
///
/// ```
/// use cramberry::{Cramberry, Message, OwnedLazy};
/// #[derive(Cramberry)]
/// struct Order<'a> { #[cram(1)] id: u64, #[cram(2)] symbol: &'a str }
///
/// let bytes = Order { id: 7, symbol: "BTC" }.encode_to_bytes();
/// let order: OwnedLazy<Order<'static>> = OwnedLazy::new(bytes)?;
/// let id = std::thread::spawn(move || order.get().id()).join().unwrap()?;
/// assert_eq!(id, 7);
/// # Ok::<(), cramberry::DecodeError>(())
/// ```
pub struct OwnedLazy<T> {
    bytes: Bytes,
    options: DecodeOptions,
    message: PhantomData<fn() -> T>,
}

impl<T: Lazyable> OwnedLazy<T> {
    /// Opens `bytes` as a `T` with the default options (only the length is checked).
    pub fn new(bytes: Bytes) -> Result<Self> {
        Self::with_options(bytes, &DecodeOptions::DEFAULT)
    }

    /// Opens `bytes` as a `T` with `options`, which the accessors apply to what they read.
    pub fn with_options(bytes: Bytes, options: &DecodeOptions) -> Result<Self> {
        <T::Lazy<'_> as LazyView<'_>>::lazy_with(&bytes, options)?;
        Ok(OwnedLazy { bytes, options: *options, message: PhantomData })
    }

    /// The lazy view of the message.
    pub fn get(&self) -> T::Lazy<'_> {
        <T::Lazy<'_> as LazyView<'_>>::from_window(&self.bytes, 0, self.bytes.len(), &self.options, 0)
    }

    /// The message's bytes.
    pub fn bytes(&self) -> &Bytes {
        &self.bytes
    }
}

impl<T> Clone for OwnedLazy<T> {
    fn clone(&self) -> Self {
        OwnedLazy { bytes: self.bytes.clone(), options: self.options, message: PhantomData }
    }
}

impl<T> core::fmt::Debug for OwnedLazy<T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("OwnedLazy")
            .field("type", &core::any::type_name::<T>())
            .field("len", &self.bytes.len())
            .finish()
    }
}
