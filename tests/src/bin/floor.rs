//! The floor of the cold-start probe (`make bench`): the smallest lambda_http function, built
//! like the platform's binary, to compare its init, requests and memory with.

use lambda_http::{service_fn, Body, Error, Request, Response};

#[tokio::main]
async fn main() -> Result<(), Error> {
    lambda_http::run(service_fn(|_req: Request| async { Ok::<_, Error>(Response::builder().status(200).body(Body::from("ok"))?) })).await
}
