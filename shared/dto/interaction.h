#pragma once

// Filled in by the interaction service work.
