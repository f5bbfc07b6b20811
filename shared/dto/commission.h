#pragma once

// Filled in by the commission service work.
