pub fn command(_a: &crate::cli::ServeArgs) -> i32 { 0 }
